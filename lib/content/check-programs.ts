/**
 * content:check's program checks, each run through the site's own Python runtime (PythonHarness): examples against
 * their golden outputs (and recorded for browsers that cannot run them), exercises' solutions and starters against
 * their checks, possible-output steps against the schedule search, blocking-call steps against the measurement.
 * Each returns how many programs it ran and adds what it found to `problems`.
 */
import fs from "node:fs";
import path from "node:path";
import type { PythonHarness } from "@/lib/python/harness/node";
import type { RunEvent } from "@/lib/python/client/types";
import type { RecordedEvent, RecordedRun } from "@/lib/python/recorded-run";
import type { BlockingCallSpec, ExampleSpec, ExerciseSpec, PossibleOutputsSpec } from "./manifest";
import type { LessonMeta } from "./discover";
import { formatProblem, type Problem } from "./check-report";
import { diffOutput, matchPattern } from "./output-compare";
import { checkClaims, outcomesRequest, readOutcomes } from "./possible-outputs";
import { blockingRequest, checkBlockingLine, readBlocking } from "./blocking-call";
import { getStepDriver } from "./step-support";
import { checkRequest, readVerdict } from "./exercise-check";
import { getCheckSupport } from "./exercise-support";
import { sourceLine } from "./exercise-source";

const EXAMPLE_TIMEOUT_MS = 30_000;

/** <PossibleOutputs>: the author's possible/impossible marks must agree with the schedule search (deterministic:
 *  schedules replay exactly, so it runs once). */
export async function checkPossibleOutputs(harness: PythonHarness, step: PossibleOutputsSpec, problems: Problem[]): Promise<number> {
  const run = await harness.run(outcomesRequest(step.code, step.filename, getStepDriver("possible_outputs.py"), { model: step.model, bound: step.bound }));
  const read = readOutcomes(run.stdout, run.result);
  if (!read.ok) {
    const tail = run.stderr.trim().split("\n").slice(-6).join("\n      ");
    problems.push({ file: step.file, message: `<PossibleOutputs> could not search the schedules of ${path.basename(step.file)}: ${read.error}${tail ? `\n      ${tail}` : ""}` });
    return 1;
  }
  for (const message of checkClaims(step.options, read.report)) problems.push({ file: step.file, message: `<PossibleOutputs> (${step.model} model, index.mdx line ${step.line}): ${message}` });
  return 1;
}

/** <FindTheBlockingCall>: the measurement must find the author's line. */
export async function checkBlockingCall(harness: PythonHarness, step: BlockingCallSpec, problems: Problem[]): Promise<number> {
  const run = await harness.run(blockingRequest(step.code, step.filename, getStepDriver("blocking_calls.py")));
  const read = readBlocking(run.stdout, run.result);
  const problem = read.ok ? checkBlockingLine(step.blockingLine, read.report) : read.error;
  if (problem) problems.push({ file: step.file, line: step.blockingLine, message: `<FindTheBlockingCall> (index.mdx line ${step.line}): ${problem}` });
  return 1;
}

/**
 * Runs a check; if it finds problems, runs it once more and keeps what the second run found. Programs whose output
 * depends on timing (threads switched by a real clock, measured speed-ups) can miss once on a machine busy with
 * other work; a real mistake fails both times. A pass on the second run is logged as a warning with the first
 * problem, so flaky examples stay visible. (Not when golden outputs are being rewritten.)
 */
export async function onceMore(check: (problems: Problem[]) => Promise<number>, problems: Problem[], retry: boolean, log: (line: string) => void): Promise<number> {
  const first: Problem[] = [];
  let programs = await check(first);
  if (!first.length || !retry) {
    problems.push(...first);
    return programs;
  }
  const second: Problem[] = [];
  programs += await check(second);
  problems.push(...second);
  if (!second.length) log(`    ⚠ passed when run again (timing under load?); the first run said: ${formatProblem(first[0]!)}`);
  return programs;
}

/**
 * An example marked `claim` bears a statement of its lesson ("no speed-up", "about 0.3 s"): its golden output encodes
 * that statement, and a single run that contradicts it would mislead a learner who presses Run once. So it runs
 * `runs` times, with no retry, and the first run that misses fails the lesson, saying which run it was.
 */
export async function everyRun(check: (problems: Problem[]) => Promise<number>, runs: number, problems: Problem[]): Promise<number> {
  let programs = 0;
  for (let run = 1; run <= runs; run++) {
    const found: Problem[] = [];
    programs += await check(found);
    if (found.length) {
      problems.push(...found.map((p) => ({ ...p, message: `claim run ${run} of ${runs}: ${p.message}` })));
      break;
    }
  }
  return programs;
}

/**
 * Runs an example as a learner's runner would (its `stdin` preset sent with it), typing its `checkInput` lines at
 * the prompts, and keeps what it printed and drew as a recording.
 */
async function runExample(harness: PythonHarness, example: ExampleSpec) {
  // Lines typed at prompts: the check-only checkInput (example.stdin holds it when there is no stdin preset).
  const typed = example.presetStdin.length ? [] : [...example.stdin];
  const inputs: string[] = [];
  const run = await harness.run({ code: example.code, filename: example.filename, stdin: example.presetStdin, model: example.model, timeoutMs: EXAMPLE_TIMEOUT_MS }, (event, h) => {
    if (event.kind !== "input-request") return;
    const line = typed.shift();
    if (line === undefined) void h.sendEof();
    else {
      inputs.push(line);
      void h.sendInput(line);
    }
  });
  // The typed lines go where the console shows them: right after the prompt that asked.
  const events: RecordedEvent[] = [];
  let answered = 0;
  const push = (e: RecordedEvent) => {
    const last = events.at(-1);
    if (e.kind !== "trace" && last && last.kind === e.kind && "text" in last && last.source === e.source) last.text += e.text;
    else events.push(e);
  };
  for (const e of run.events as RunEvent[]) {
    if (e.kind === "stdout" || e.kind === "stderr") push({ kind: e.kind, text: e.text, ...(e.source ? { source: e.source } : {}) });
    else if (e.kind === "notice") push({ kind: "notice", text: e.text.endsWith("\n") ? e.text : `${e.text}\n` });
    else if (e.kind === "trace" && e.name !== "step") events.push({ kind: "trace", name: e.name, data: e.data, ...(e.pid !== undefined ? { pid: e.pid } : {}), ...(e.process ? { process: e.process } : {}) });
    else if (e.kind === "input-request" && answered < inputs.length) push({ kind: "input", text: `${inputs[answered++]!}\n` });
  }
  return { ...run, recorded: events };
}

let recordedWith: string | null = null;

export async function checkExample(
  harness: PythonHarness,
  lesson: LessonMeta,
  example: ExampleSpec,
  problems: Problem[],
  updated: string[] | null,
  recording: { key: string; save: (run: RecordedRun) => void } | null = null,
): Promise<number> {
  const where = example.file ?? lesson.file;
  const label = example.label ?? (example.file ? path.basename(example.file) : `<${example.component}> at line ${example.line}`);
  const before = problems.length;
  const run = await runExample(harness, example);
  const { result } = run;
  const keep = () => {
    if (!recording || problems.length !== before) return;
    recordedWith ??= `Chromium ${harness.page.context().browser()?.version().split(".")[0] ?? ""} · CPython ${harness.ready.python ?? "3"}`;
    recording.save({ key: recording.key, filename: example.filename, recordedWith, recordedAt: new Date().toISOString().slice(0, 10), events: run.recorded, result });
  };
  const errorLine = result.error?.filename === example.filename ? result.error.line : undefined;
  // Lines of inline code are lines of the MDX file after the component's opening line; lines of a derived program
  // (an exercise's starter) are mapped back to its source file.
  const line = example.file ? (example.sourceLines ? sourceLine(example.sourceLines, errorLine) : errorLine) : example.line + (errorLine ?? 0);
  if (example.expect === "exception" || example.expect === "deadlock") {
    if (result.status !== example.expect) {
      const what = example.expect === "exception" ? "an exception" : "a deadlock report";
      problems.push({ file: where, line: example.file ? undefined : example.line, message: `${label} should end with ${what} (expect="${example.expect}") but ended: ${result.status}` });
    }
  } else if (result.status !== "ok") {
    const why = result.error ? `${result.error.type}: ${result.error.message}` : (result.reason ?? `exit code ${result.exitCode}`);
    const tail = run.stderr.trim().split("\n").slice(-6).join("\n      ");
    problems.push({ file: where, line, message: `${label} failed (${result.status}): ${why}${tail ? `\n      ${tail}` : ""}` });
    return 1;
  }
  const golden = example.golden;
  if (!golden) {
    keep();
    return 1;
  }
  if (golden.kind === "exact") {
    const diff = diffOutput(golden.text, run.stdout);
    if (diff && updated) {
      fs.writeFileSync(golden.file, run.stdout);
      updated.push(golden.file);
    } else if (diff) {
      problems.push({ file: golden.file, line: Number(/^line (\d+)/.exec(diff)?.[1]) || undefined, message: `the output of ${label} differs from its golden output: ${diff} (run with --update to accept the new output)` });
    }
    keep();
    return 1;
  }
  if (golden.kind === "pattern") {
    const mismatch = matchPattern(golden.text, run.stdout);
    if (mismatch) problems.push({ file: golden.file, line: mismatch.line, message: `the output of ${label} does not match its pattern: ${mismatch.message}` });
    keep();
    return 1;
  }
  // A property check: a Python program with the example's output in output.txt.
  const prop = await harness.run({
    code: golden.text,
    filename: path.basename(golden.file),
    files: { "output.txt": run.stdout, [example.filename]: example.code },
    timeoutMs: EXAMPLE_TIMEOUT_MS,
  });
  if (prop.result.status !== "ok") {
    const why = prop.result.error ? `${prop.result.error.type}${prop.result.error.message ? `: ${prop.result.error.message}` : ""}` : prop.result.status;
    problems.push({ file: golden.file, line: prop.result.error?.line, message: `the output of ${label} fails its property check: ${why}` });
  }
  keep();
  return 2;
}

export async function checkExercise(harness: PythonHarness, exercise: ExerciseSpec, problems: Problem[]): Promise<number> {
  const support = getCheckSupport();
  const file = (name: string) => path.join(exercise.dir, name);
  let runs = 0;
  const verdict = async (code: string, seed: number | null) => {
    runs += 1;
    const run = await harness.run(checkRequest(code, exercise.check, support, seed));
    return readVerdict(run.stdout, run.result).verdict;
  };
  const seedText = (seed: number | null) => (exercise.seeds.length > 1 || seed !== null ? ` (seed ${seed})` : "");
  for (const seed of exercise.seeds) {
    const v = await verdict(exercise.solution, seed);
    if (v.verdict === "pass") continue;
    if (v.message.startsWith("The check itself failed")) problems.push({ file: file("check.py"), message: `the check crashed on the solution${seedText(seed)}: ${v.message}` });
    else {
      // The verdict speaks of the derived solution's lines ("line 12, in transfer"): say solution.py's instead.
      const message = v.message.replace(/\bline (\d+), in /g, (_whole, n: string) => `line ${sourceLine(exercise.solutionLines, Number(n)) ?? n}, in `);
      problems.push({ file: file("solution.py"), line: sourceLine(exercise.solutionLines, v.line), message: `the solution does not pass its check${seedText(seed)}: ${message}` });
    }
    return runs;
  }
  const starter = await verdict(exercise.starter, exercise.seeds[0] ?? null);
  if (starter.verdict === "pass") {
    problems.push({ file: file("solution.py"), line: exercise.firstBlock, message: "the starter (solution.py with its #| starter parts in place of its #| solution parts) already passes its check: the learner would have nothing to do (is the check too weak?)" });
  } else if (starter.message.startsWith("The check itself failed")) problems.push({ file: file("check.py"), message: `the check crashed on the starter instead of failing it: ${starter.message}` });
  return runs;
}
