/**
 * The component catalog: every component a lesson may use, its props and a live example. /author/components renders
 * it (each example compiled by the lesson pipeline from this folder, so `file=` and `id=` name files here), and
 * `npm run content:check` runs its examples like a lesson's. ThreadTimeline and EventLoopView join when the thread
 * runtime lands.
 */
import type { MdxComponentName } from "@/lib/content/mdx-components";

export interface PropDoc {
  name: string;
  type: string;
  required?: boolean;
  default?: string;
  description: string;
}

export interface ComponentDoc {
  name: MdxComponentName;
  summary: string;
  props: PropDoc[];
  /** MDX, compiled and shown live, with its source beside it. */
  example: string;
  /** Other components documented with this one (Choice with Quiz, Hint with Exercise). */
  with?: MdxComponentName[];
  notes?: string;
}

/** A file in this folder the examples compile "from" (it need not exist). */
export const CATALOG_FILE = "components/mdx/catalog/catalog.mdx";

export const COMPONENT_DOCS: ComponentDoc[] = [
  {
    name: "ThreadTimeline",
    summary:
      "A recorded GIL timeline: one lane per thread showing when it held the GIL, waited for it, was blocked (on what) or slept. Every CodeRunner draws one by itself after a run that used threads; this shows a prepared one.",
    props: [
      { name: "src", type: "string", required: true, description: "A .json file beside the lesson, recorded with `npm run py -- prog.py --timeline prog.json` (add `--seed N` for a reproducible one)." },
      { name: "caption", type: "string", description: "A sentence under the picture saying what to look at." },
    ],
    example: `<ThreadTimeline src="two-sleepers.json" caption="Both threads sleep at the same time: waiting does not need the GIL." />`,
  },
  {
    name: "EventLoopView",
    summary:
      "A recorded asyncio event loop: one lane per task over the loop's iterations (running, ready, waiting and on what), the ready queue, pending timers and the task tree for each iteration, with a step control that moves one iteration at a time. Every CodeRunner draws one by itself after a run that used asyncio; this shows a prepared one.",
    props: [
      { name: "src", type: "string", required: true, description: "A .json file beside the lesson, recorded with `npm run py -- prog.py --event-loop prog.json`." },
      { name: "caption", type: "string", description: "A sentence under the picture saying what to look at." },
    ],
    example: `<EventLoopView src="three-tasks.json" caption="Three tasks start in one iteration; each timer wakes its task in a later one." />`,
  },
  {
    name: "CodeRunner",
    summary: "A runnable, editable example. The learner's edits are saved; Ctrl+Enter runs it.",
    props: [
      { name: "file", type: "string", description: "A .py file beside the lesson, inlined at build time. Or give `code`." },
      { name: "code", type: "string", description: "Inline code instead of a file (a template literal keeps newlines)." },
      { name: "title", type: "string", description: "Shown in the toolbar; defaults to the file name." },
      { name: "filename", type: "string", default: "the file's name or main.py", description: "Name in tracebacks and downloads." },
      { name: "stdin", type: "string[]", description: "Lines fed to input() before the console asks the learner." },
      { name: "checkInput", type: "string[]", description: "Lines fed to input() only by content:check, for examples the learner answers by hand." },
      { name: "model", type: '"gil" | "free-threaded"', default: '"gil"', description: "Fixes where threads may switch: CPython 3.14 with its GIL, or free-threaded 3.14t (a switch between any two bytecodes). Without it the learner picks." },
      { name: "expect", type: '"exception"', description: "content:check only: the example must end with an uncaught exception (a bug being shown)." },
    ],
    example: `<CodeRunner file="hello.py" title="Greetings" stdin={["Ada"]} />`,
    notes: "Golden output: hello.out beside hello.py (exact), hello.out.re (one regular expression per line) or hello.expect.py (asserts on output.txt). `npm run content:check -- --update` rewrites .out files.",
  },
  {
    name: "PredictOutput",
    summary: "The learner writes down what a program will print, then runs it and compares line by line. The children explain, after the run.",
    props: [
      { name: "file", type: "string", required: true, description: "The program, a .py file beside the lesson (or `code`)." },
      { name: "title", type: "string", description: "Shown after “Predict the output”." },
      { name: "compare", type: '"exact" | "unordered" | "none"', default: '"exact"', description: "How lines are compared: in order, in any order (concurrent output), or not at all." },
      { name: "stdin", type: "string[]", description: "Lines fed to input()." },
      { name: "children", type: "MDX", description: "The explanation, revealed once the program has run." },
    ],
    example: `<PredictOutput file="order.py" title="Who starts first?">
  A list comprehension calls \`task\` for each name in turn: \`a\` finishes before \`b\` starts.
</PredictOutput>`,
  },
  {
    name: "Exercise",
    with: ["Hint"],
    summary:
      "An editor with starter code, Check (the author's check.py runs against the learner's code in the browser's sandboxed worker), hints one at a time, and the solution after some failed checks. Every check is saved as an attempt.",
    props: [
      { name: "id", type: "string", required: true, description: "Names the folder exercises/<id>/ with starter.py, solution.py, check.py and optional hints.md (hints separated by --- lines)." },
      { name: "title", type: "string", default: '"Your turn"', description: "The exercise's heading." },
      { name: "attempts", type: "number", default: "3", description: "Failed checks before “Show a solution” appears (at once after a pass)." },
      { name: "seeds", type: "number[]", description: "Thread-scheduling seeds: the check runs once per seed and must pass under every one." },
      { name: "children", type: "MDX", description: "The task. <Hint> children (on their own lines) are hints, shown before those of hints.md." },
    ],
    example: `<Exercise id="double-it" title="Double it" attempts={1}>
  Make \`double(n)\` return twice \`n\`.

  <Hint>Inline hints work too: \`n + n\` is also twice \`n\`.</Hint>
</Exercise>`,
    notes:
      "check.py imports the learner's code as the module learner (checking.load() does it freshly and captures its prints; checking.run() runs it as a program with stdin). A failed assert shows its message to the learner; an exception in their code shows their lines only. Attempts are stored as exerciseId \"chapter/lesson#id\".",
  },
  {
    name: "Quiz",
    with: ["Choice"],
    summary: "Multiple choice with an explanation per answer; a native radio group.",
    props: [
      { name: "question", type: "string", required: true, description: "The question (the group's legend)." },
      { name: "Choice correct", type: "boolean", default: "false", description: "Marks the right answer(s)." },
      { name: "Choice explanation", type: "string", description: "Shown when the learner checks this answer." },
    ],
    example: `<Quiz question="Which tool lets Python code use two cores at once?">
  <Choice explanation="Threads share one interpreter lock: only one runs Python at a time.">threading</Choice>
  <Choice correct explanation="Yes: each process has its own interpreter.">multiprocessing</Choice>
</Quiz>`,
  },
  {
    name: "Callout",
    summary: "A highlighted aside; its kind is said in words too, not by colour alone.",
    props: [
      { name: "type", type: '"note" | "tip" | "warning"', default: '"note"', description: "The kind of aside." },
      { name: "title", type: "string", description: "Replaces the kind's name as the heading." },
    ],
    example: `<Callout type="warning" title="Measure first">
  Time the slow part before you choose a tool.
</Callout>`,
  },
  {
    name: "Figure",
    summary: "An image beside the lesson, inlined at build time, with a caption. Alt text is required.",
    props: [
      { name: "src", type: "string", required: true, description: "An .svg, .png, .jpg or .webp file in the lesson folder." },
      { name: "alt", type: "string", required: true, description: "What the picture shows, for readers who cannot see it (the build fails without it)." },
      { name: "caption", type: "string", description: "Shown under the picture." },
      { name: "width", type: "number", description: "Display width in pixels." },
    ],
    example: `<Figure src="figure.svg" alt="Two timelines: one core alternating between two tasks, and two cores running one task each." caption="Concurrency (left) and parallelism (right)." width={420} />`,
  },
];
