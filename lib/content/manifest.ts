/**
 * What a compiled lesson holds besides its code: the programs, exercises, links and interactive steps that
 * `npm run content:check` (./check.ts) verifies. The remark plugin (./remark-interleave.ts) fills it in.
 */
import type { InterpreterModel } from "@/lib/python/schedule";

/** A runnable program in a lesson (`<CodeRunner>` or `<PredictOutput>`), as `npm run content:check` runs it. */
export interface ExampleSpec {
  /** FixTheDeadlock: the exercise's starter, which must end in a deadlock (its run is recorded for the report). */
  component: "CodeRunner" | "PredictOutput" | "FixTheDeadlock";
  /** Line of the component in the MDX file. */
  line: number;
  /** The example's file when it came from `file="…"` (a FixTheDeadlock's: the exercise's solution.py, which its
   *  starter is derived from); undefined for inline `code`. */
  file?: string;
  /** How problems name the program (default: the file's name, or the component and its line). */
  label?: string;
  /** When `code` is derived from `file` (a FixTheDeadlock's starter): for each line of `code`, its line in `file`. */
  sourceLines?: number[];
  filename: string;
  code: string;
  /** Lines fed to input(): the `stdin` preset, else the check-only `checkInput`. */
  stdin: string[];
  /** The `stdin` preset alone: what the runner sends with the program (part of its recording's key). */
  presetStdin: string[];
  /** How the program must end: normally (default), with an uncaught exception (`expect="exception"`), or with the
   *  thread runtime's deadlock report (`expect="deadlock"`). */
  expect: "ok" | "exception" | "deadlock";
  /** `x.out` (exact stdout), `x.out.re` (a regular expression for the whole stdout) or `x.expect.py` (a property check). */
  golden?: { kind: "exact" | "pattern" | "property"; file: string; text: string };
  /** `<CodeRunner model="free-threaded">`: the interpreter model the lesson fixes for the example. */
  model?: InterpreterModel;
  /** `claim`: the lesson states what this example shows (a speed-up, an overlap, a count), and its golden output
   *  encodes that statement; content:check runs it CLAIM_RUNS times and every run must match. */
  claim?: boolean;
}

/** An `<Exercise id="name">`, with the files of `exercises/name/` inlined: the starter and the solution both derived
 *  from the marked solution.py (./exercise-source.ts). */
export interface ExerciseSpec {
  /** "chapter/lesson#name": the id attempts are stored under (ExerciseAttempt.exerciseId). */
  id: string;
  name: string;
  line: number;
  dir: string;
  starter: string;
  solution: string;
  /** For each line of the starter / the solution, its line in solution.py (problems are reported there). */
  starterLines: number[];
  solutionLines: number[];
  /** The line of solution.py that opens its first marked block. */
  firstBlock: number;
  check: string;
  hints: number;
  /** Thread-scheduling seeds the check runs under (all must pass); [null] = one realistic run. */
  seeds: (number | null)[];
}

/** A `<PossibleOutputs file="x.py">`: the options the author marked possible or not, held to the schedule search. */
export interface PossibleOutputsSpec {
  line: number;
  file: string;
  filename: string;
  code: string;
  model: InterpreterModel;
  bound?: number;
  options: { output: string; possible: boolean; line: number }[];
}

/** A `<FindTheBlockingCall file="x.py" line={7}>`: the line the author says blocks the event loop, measured by
 *  content:check. */
export interface BlockingCallSpec {
  line: number;
  file: string;
  filename: string;
  code: string;
  blockingLine: number;
}

export interface LinkSpec {
  url: string;
  line: number;
}

/** What a lesson contains that `npm run content:check` verifies beyond compiling. */
export interface LessonManifest {
  examples: ExampleSpec[];
  exercises: ExerciseSpec[];
  links: LinkSpec[];
  /** Interactive steps whose answers content:check verifies by running the program (issue 20's step kinds). */
  possibleOutputs: PossibleOutputsSpec[];
  blockingCalls: BlockingCallSpec[];
}

export function emptyManifest(): LessonManifest {
  return { examples: [], exercises: [], links: [], possibleOutputs: [], blockingCalls: [] };
}
