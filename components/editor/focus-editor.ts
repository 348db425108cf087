/** Sent to a `.code-editor` element to give it focus (components/ui/skip-to-code.tsx → code-editor.tsx). */
export const FOCUS_EDITOR_EVENT = "interleave:focus-editor";
