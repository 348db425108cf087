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
      { name: "claim", type: "boolean", description: "content:check only: the lesson states what this example shows (a speed-up, an overlap, a count); it is run 5 times and every run must match its .out.re or .expect.py (required with claim)." },
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
    notes:
      "Tolerance: when the program has an x.out.re beside it (one regular expression per output line), a predicted line that its line's pattern accepts counts as right even where it differs from this run's output (a time, a thread name, an id nobody can guess); the learner sees those lines marked as accepted. Without a pattern, lines compare exactly.",
  },
  {
    name: "PossibleOutputs",
    with: ["Outcome"],
    summary:
      "“Which of these outputs are possible?”: the learner ticks every output some schedule of the program's threads can print; Check runs the schedule search (every schedule with up to `bound` preemptions, in the learner's own worker) and says for each option which schedule prints it, or that none does, with the outputs found that are not among the options.",
    props: [
      { name: "file", type: "string", required: true, description: "The threaded program, a .py file beside the lesson. Keep it small: the search must try all its schedules within the bound." },
      { name: "model", type: '"gil" | "free-threaded"', default: '"gil"', description: "Where threads may switch: CPython 3.14 with its GIL, or free-threaded 3.14t (between any two bytecodes)." },
      { name: "bound", type: "number", default: "3", description: "Most preemptions per schedule the search tries (0 to 6)." },
      { name: "title", type: "string", description: "Shown after “Which outputs are possible?”." },
      { name: "Outcome output", type: "string", required: true, description: "An option: the whole output, exactly as printed (output={`a\\nb`} for several lines)." },
      { name: "Outcome possible", type: "boolean", default: "false", description: "The author's answer. content:check runs the same search and fails when it disagrees, or when it could not try every schedule within the bound and an option is marked impossible." },
      { name: "Outcome children", type: "MDX", description: "Why, shown under the option after the check." },
    ],
    example: `<PossibleOutputs file="race.py" title="Two threads, one counter">
  <Outcome output={\`read 0\nread 1\ncounter = 2\`} possible>One thread runs after the other.</Outcome>
  <Outcome output={\`read 0\nread 0\ncounter = 1\`} possible>The first is switched out after its \`print\` returns, before it writes.</Outcome>
  <Outcome output={\`read 1\nread 0\ncounter = 2\`}>Whoever reads 1 read after a write of 1, which came after a read of 0.</Outcome>
</PossibleOutputs>`,
    notes: "Output other than the options (trailing spaces and final newlines aside) counts as a different output. The search is interleave.threads.outcomes (lib/python/py/interleave/threads/_explore.py), driven by lib/content/python/possible_outputs.py.",
  },
  {
    name: "Myth",
    summary: "“Myth or fact?”: a statement from the folklore of Python concurrency; the learner answers, then reads the correction.",
    props: [
      { name: "claim", type: "string", required: true, description: "The statement, as guides put it." },
      { name: "fact", type: "boolean", default: "false", description: "The claim is true (a fact among the myths)." },
      { name: "children", type: "MDX", required: true, description: "The correction, shown after the answer (a CodeRunner may prove it)." },
    ],
    example: `<Myth claim="The GIL prevents data inconsistencies in threaded code.">
  It keeps CPython's own objects consistent, one bytecode at a time. Your invariants span several bytecodes, and a
  thread can be switched out between them: guard them with a lock.
</Myth>`,
  },
  {
    name: "FindTheBlockingCall",
    summary:
      "“Find the blocking call”: the learner picks the line of an asyncio program that stops the event loop; Check runs the program in their worker, timing how long each line held the loop's thread (its waiting in awaits left out), and shows the measurement.",
    props: [
      { name: "file", type: "string", required: true, description: "The asyncio program, a .py file beside the lesson." },
      { name: "line", type: "number", required: true, description: "The blocking line. content:check measures the program and fails unless this line held the loop longest (at least 50 ms)." },
      { name: "title", type: "string", description: "Shown after “Find the blocking call”." },
      { name: "children", type: "MDX", description: "Why, and the fix, shown after the check." },
    ],
    example: `<FindTheBlockingCall file="slow.py" line={12} title="A report that stalls the downloads">
  \`time.sleep\` holds the event loop's only thread: nothing else runs for half a second. \`await asyncio.sleep(0.5)\`,
  or \`await asyncio.to_thread(...)\` for real blocking work, lets the downloads go on.
</FindTheBlockingCall>`,
  },
  {
    name: "FixTheDeadlock",
    with: ["Hint"],
    summary:
      "“Fix this program from its deadlock report”: an Exercise whose starter deadlocks. The runtime's report (who holds which lock, who waits for it) is shown first, from the run content:check recorded, and can be produced again live; the learner fixes the code and Check runs the author's check.",
    props: [
      { name: "id", type: "string", required: true, description: "As for Exercise: exercises/<id>/ with solution.py (its marked starter must deadlock when run), check.py, hints.md." },
      { name: "title", type: "string", default: '"Fix the deadlock"', description: "The exercise's heading." },
      { name: "attempts", type: "number", default: "3", description: "Failed checks before “Show a solution” appears." },
      { name: "children", type: "MDX", description: "The task; <Hint> children are hints." },
    ],
    example: `<FixTheDeadlock id="two-locks">
  Two threads, two locks. Read the report, then make both threads finish.
</FixTheDeadlock>`,
    notes: "content:check runs the starter as a program and requires the deadlock report (expect=\"deadlock\"), then checks the exercise as usual. Put the starter's own top-level code under if __name__ == \"__main__\": so that check.py can import it. A check built on expect_thread_safe tries every lock order a schedule can produce.",
  },
  {
    name: "Exercise",
    with: ["Hint"],
    summary:
      "An editor with starter code, Check (the author's check.py runs against the learner's code in the browser's sandboxed worker), hints one at a time, and the solution after some failed checks. Every check is saved as an attempt.",
    props: [
      { name: "id", type: "string", required: true, description: "Names the folder exercises/<id>/ with solution.py (a runnable solution in which #| starter … #| solution … #| end blocks mark where the learner's starter differs), check.py and optional hints.md (hints separated by --- lines)." },
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
    name: "OnYourComputer",
    summary:
      "Where the browser runtime differs from CPython on the learner's own machine (a sleep standing in for a download, spawn as the only start method, no free-threaded build): what they would see there. Put one wherever an example's run here could mislead about their computer.",
    props: [{ name: "title", type: "string", description: "What differs; shown as “On your computer: title”." }],
    example: `<OnYourComputer title="Start methods">
  On Linux with Python 3.13 or older, processes start by **fork**; since 3.14 the Linux default is **forkserver**.
  Here, as on macOS and Windows, they start by **spawn**.
</OnYourComputer>`,
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
