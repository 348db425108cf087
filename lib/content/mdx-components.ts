/**
 * The one list of components a lesson's MDX may use. The compiler rejects any other capitalised tag with the
 * file and line; components/mdx/index.tsx must map every name here to a component (checked by the type system).
 * Kept free of React imports so the content pipeline and its tests can read it cheaply.
 */
export const MDX_COMPONENT_NAMES = ["Callout", "OnYourComputer", "Figure", "Quiz", "Choice", "CodeRunner", "PredictOutput", "Exercise", "Hint", "ThreadTimeline", "EventLoopView", "PossibleOutputs", "Outcome", "Myth", "FindTheBlockingCall", "FixTheDeadlock"] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

/** Components whose `file="x.py"` attribute is replaced at compile time by `code` read from the lesson's folder. */
export const FILE_BACKED_COMPONENTS: readonly string[] = ["CodeRunner", "PredictOutput", "PossibleOutputs", "FindTheBlockingCall"];
