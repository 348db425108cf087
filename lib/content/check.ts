/**
 * `npm run content:check`: every example and exercise of the course run through the site's own Python runtime (one
 * headless Chromium, one warm worker: PythonHarness), every link and prerequisite resolved, every image described.
 * Problems name the file and line. The report is also written as JSON for the /author pages.
 */
import fs from "node:fs";
import path from "node:path";
import type { PythonHarness } from "@/lib/python/harness/node";
import { compileLesson, compileMdx, type BlockingCallSpec, type CompiledLesson, type ExampleSpec, type ExerciseSpec, type LessonManifest, type PossibleOutputsSpec } from "./compile";
import { checkClaims, outcomesRequest, readOutcomes } from "./possible-outputs";
import { blockingRequest, checkBlockingLine, readBlocking } from "./blocking-call";
import { getStepDriver } from "./step-support";
import { contentRoot, glossaryFile, GLOSSARY_ID, GLOSSARY_PATH, loadCourse, type Course, type LessonMeta } from "./discover";
import { ContentError } from "./errors";
import { checkRequest, readVerdict } from "./exercise-check";
import { getCheckSupport } from "./exercise-support";
import { lessonFingerprint, type ContentReport, type LessonReport, type Problem } from "./check-report";
import { readRecordings, writeRecordings } from "./recordings";
import { recordingKey, unreadableTraces, type RecordedEvent, type RecordedRun } from "@/lib/python/recorded-run";
import type { RunEvent } from "@/lib/python/client/types";

export { REPORT_FILE, type ContentReport, type LessonReport, type Problem } from "./check-report";

/** Routes outside /learn that lessons may link to. */
const APP_ROUTES = new Set(["/", "/sign-in", "/sign-up", "/me", "/settings"]);
const EXAMPLE_TIMEOUT_MS = 30_000;
/** How many times content:check runs an example marked `claim`; every run must match its golden output. */
export const CLAIM_RUNS = 5;

export function formatProblem(p: Problem, root = process.cwd()): string {
  return `${path.relative(root, p.file) || p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`;
}

const normalize = (text: string) =>
  text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");

/** First difference between expected and actual output, in words. */
export function diffOutput(expected: string, actual: string): string | null {
  const e = normalize(expected).split("\n");
  const a = normalize(actual).split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) continue;
    if (a[i] === undefined) return `line ${i + 1}: expected ${JSON.stringify(e[i])}, but the output ended after ${a.length} lines`;
    if (e[i] === undefined) return `line ${i + 1}: unexpected extra output ${JSON.stringify(a[i])}`;
    return `line ${i + 1}: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`;
  }
  return null;
}

/** x.out.re: one JavaScript regular expression per output line, each matching the whole line. */
export function matchPattern(pattern: string, actual: string): { line: number; message: string } | null {
  const p = normalize(pattern).split("\n");
  const a = normalize(actual).split("\n");
  for (let i = 0; i < Math.max(p.length, a.length); i++) {
    if (p[i] === undefined) return { line: p.length, message: `the output has more lines than the pattern: ${JSON.stringify(a[i])}` };
    if (a[i] === undefined) return { line: i + 1, message: `the output ended before the pattern's line ${i + 1}` };
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${p[i]})$`);
    } catch (err) {
      return { line: i + 1, message: `invalid regular expression: ${(err as Error).message}` };
    }
    if (!re.test(a[i]!)) return { line: i + 1, message: `output line ${i + 1} ${JSON.stringify(a[i])} does not match /${p[i]}/` };
  }
  return null;
}

export interface CheckOptions {
  root?: string;
  /** Lesson ids or prefixes ("chapter" or "chapter/lesson") to check; all when empty. */
  only?: string[];
  /** Rewrite x.out golden files from the actual output. */
  update?: boolean;
  /** A harness to reuse; otherwise one is started when there is something to run, and closed at the end. */
  harness?: PythonHarness;
  /** Progress lines (a lesson checked). */
  log?: (line: string) => void;
  /** MDX that is not a lesson but has examples to run (the component catalog), checked like a lesson. */
  extra?: { id: string; title: string; file: string; sources: string[] }[];
  /** Write the JSON report to this file (merged with the previous report's other lessons). */
  reportFile?: string | null;
}

export async function checkContent(options: CheckOptions = {}): Promise<ContentReport> {
  const started = Date.now();
  const root = options.root ?? contentRoot();
  const log = options.log ?? (() => undefined);
  const report: ContentReport = { version: 1, finishedAt: 0, durationMs: 0, ok: true, problems: [], lessons: [], updated: [] };
  let course: Course;
  try {
    course = loadCourse(root);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    report.problems.push({ file: err.file, line: err.line, message: err.detail });
    return finish(report, started, options);
  }

  const selected = course.lessons.filter((l) => !options.only?.length || options.only.some((o) => l.id === o || l.id.startsWith(`${o.replace(/\/$/, "")}/`)));
  // Extras (the component catalog) run with everything, or when named ("author/catalog").
  const extras = (options.extra ?? []).filter((e) => !options.only?.length || options.only.includes(e.id));
  if (options.only?.length && selected.length === 0 && extras.length === 0) {
    report.problems.push({ file: root, message: `no lesson matches ${options.only.join(", ")} (lesson ids look like "chapter-slug/lesson-slug")` });
  }

  // Compile everything first: headings (link targets) of every lesson and of the glossary are needed before links
  // can be resolved.
  const compiled = new Map<string, CompiledLesson | ContentError>();
  for (const lesson of course.lessons) {
    try {
      compiled.set(lesson.id, await compileLesson(lesson.file));
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      compiled.set(lesson.id, err);
    }
  }
  const glossary = glossaryFile(root);
  if (fs.existsSync(glossary)) {
    try {
      const g = await compileMdx(fs.readFileSync(glossary, "utf8"), { file: glossary, lessonId: GLOSSARY_ID });
      compiled.set(GLOSSARY_ID, g);
      if (!options.only?.length) {
        const problems: Problem[] = [];
        checkLinks({ id: GLOSSARY_ID, file: glossary, frontmatter: { prerequisites: [], draft: false } } as unknown as LessonMeta, g, course, compiled, problems);
        if (g.manifest.examples.length || g.manifest.exercises.length) problems.push({ file: glossary, message: "the glossary is reference text: put examples and exercises in a lesson" });
        report.problems.push(...problems);
        log(`${problems.length ? "✖" : "✔"} glossary: ${g.toc.length} terms`);
        for (const p of problems) log(`    ${formatProblem(p)}`);
      }
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      compiled.set(GLOSSARY_ID, err);
      report.problems.push({ file: err.file, line: err.line, message: err.detail });
    }
  }

  let harness = options.harness;
  let ownHarness = false;
  try {
    for (const lesson of selected) {
      const t0 = Date.now();
      const entry: LessonReport = {
        id: lesson.id,
        title: lesson.frontmatter.title,
        draft: lesson.frontmatter.draft,
        file: lesson.file,
        examples: 0,
        exercises: 0,
        programs: 0,
        problems: [],
        fingerprint: lessonFingerprint(lesson.file),
        durationMs: 0,
      };
      report.lessons.push(entry);
      const result = compiled.get(lesson.id)!;
      if (result instanceof ContentError) {
        entry.problems.push({ file: result.file, line: result.line, message: result.detail });
      } else {
        entry.examples = result.manifest.examples.length;
        entry.exercises = result.manifest.exercises.length;
        checkLinks(lesson, result, course, compiled, entry.problems);
        if (hasPrograms(result.manifest)) {
          if (!harness) {
            const { PythonHarness } = await import("@/lib/python/harness/node");
            harness = await PythonHarness.start();
            ownHarness = true;
          }
          const h = harness;
          // Runs recorded for browsers that cannot run them: a still-valid recording is kept (no churn from timing),
          // a missing or outdated one is taken from this check's run; recordings of removed examples are dropped.
          const recorded = readRecordings(lesson.file);
          const keep: Record<string, RecordedRun> = {};
          for (const example of result.manifest.examples) {
            const key = await recordingKey({ filename: example.filename, code: example.code, stdin: example.presetStdin });
            const old = recorded[key];
            const recorder = old && unreadableTraces(old).length === 0 ? null : (run: RecordedRun) => void (keep[key] = run);
            if (old && !recorder) keep[key] = old;
            const once = (found: Problem[]) => checkExample(h, lesson, example, found, options.update ? report.updated : null, recorder ? { key, save: recorder } : null);
            entry.programs += example.claim && !options.update ? await everyRun(once, CLAIM_RUNS, entry.problems) : await onceMore(once, entry.problems, !options.update, log);
          }
          writeRecordings(lesson.file, keep);
          for (const exercise of result.manifest.exercises) {
            entry.programs += await onceMore((found) => checkExercise(h, exercise, found), entry.problems, true, log);
          }
          for (const step of result.manifest.possibleOutputs) entry.programs += await checkPossibleOutputs(h, step, entry.problems);
          for (const step of result.manifest.blockingCalls) {
            entry.programs += await onceMore((found) => checkBlockingCall(h, step, found), entry.problems, true, log);
          }
        }
      }
      entry.durationMs = Date.now() - t0;
      const summary = `${entry.examples} example${entry.examples === 1 ? "" : "s"}, ${entry.exercises} exercise${entry.exercises === 1 ? "" : "s"}`;
      log(`${entry.problems.length ? "✖" : "✔"} ${lesson.id}${lesson.frontmatter.draft ? " (draft)" : ""}: ${summary}, ${entry.programs} runs (${(entry.durationMs / 1000).toFixed(1)} s)`);
      for (const p of entry.problems) log(`    ${formatProblem(p)}`);
    }
    for (const extra of extras) {
      const t0 = Date.now();
      const problems: Problem[] = [];
      let programs = 0;
      for (const source of extra.sources) {
        try {
          const c = await compileMdx(source, { file: extra.file, lessonId: extra.id });
          if (hasPrograms(c.manifest)) {
            if (!harness) {
              const { PythonHarness } = await import("@/lib/python/harness/node");
              harness = await PythonHarness.start();
              ownHarness = true;
            }
            for (const example of c.manifest.examples) programs += await checkExample(harness, { file: extra.file } as LessonMeta, example, problems, options.update ? report.updated : null);
            for (const exercise of c.manifest.exercises) programs += await checkExercise(harness, exercise, problems);
            for (const step of c.manifest.possibleOutputs) programs += await checkPossibleOutputs(harness, step, problems);
            for (const step of c.manifest.blockingCalls) programs += await checkBlockingCall(harness, step, problems);
          }
        } catch (err) {
          if (!(err instanceof ContentError)) throw err;
          problems.push({ file: err.file, line: err.line, message: err.detail });
        }
      }
      report.problems.push(...problems);
      log(`${problems.length ? "✖" : "✔"} ${extra.title}: ${programs} runs (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    if (ownHarness) await harness?.close();
  }
  return finish(report, started, options);
}

function hasPrograms(m: LessonManifest): boolean {
  return m.examples.length + m.exercises.length + m.possibleOutputs.length + m.blockingCalls.length > 0;
}

/** <PossibleOutputs>: the author's possible/impossible marks must agree with the schedule search (deterministic:
 *  schedules replay exactly, so it runs once). */
async function checkPossibleOutputs(harness: PythonHarness, step: PossibleOutputsSpec, problems: Problem[]): Promise<number> {
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
async function checkBlockingCall(harness: PythonHarness, step: BlockingCallSpec, problems: Problem[]): Promise<number> {
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

function finish(report: ContentReport, started: number, options: CheckOptions): ContentReport {
  report.finishedAt = Date.now();
  report.durationMs = report.finishedAt - started;
  report.ok = report.problems.length === 0 && report.lessons.every((l) => l.problems.length === 0);
  if (options.reportFile) {
    let lessons = report.lessons;
    if (options.only?.length && fs.existsSync(options.reportFile)) {
      // A partial run keeps the other lessons' last results.
      try {
        const previous = JSON.parse(fs.readFileSync(options.reportFile, "utf8")) as ContentReport;
        const fresh = new Set(lessons.map((l) => l.id));
        lessons = [...previous.lessons.filter((l) => !fresh.has(l.id)), ...lessons];
      } catch {
        // an unreadable old report is simply replaced
      }
    }
    fs.writeFileSync(options.reportFile, `${JSON.stringify({ ...report, lessons }, null, 2)}\n`);
  }
  return report;
}

function checkLinks(lesson: LessonMeta, compiled: CompiledLesson, course: Course, all: Map<string, CompiledLesson | ContentError>, problems: Problem[]) {
  const byId = new Map(course.lessons.map((l) => [l.id, l]));
  const anchors = (id: string) => {
    const c = all.get(id);
    return c && !(c instanceof ContentError) ? new Set(c.toc.map((t) => t.id)) : null;
  };
  for (const p of lesson.frontmatter.prerequisites) {
    const target = byId.get(p);
    if (!target) problems.push({ file: lesson.file, line: frontmatterLine(lesson.file, "prerequisites"), message: `prerequisite "${p}" is not a lesson` });
    else if (target.frontmatter.draft && !lesson.frontmatter.draft) problems.push({ file: lesson.file, line: frontmatterLine(lesson.file, "prerequisites"), message: `prerequisite "${p}" is a draft, hidden from learners` });
  }
  for (const link of compiled.manifest.links) {
    const fail = (message: string) => problems.push({ file: lesson.file, line: link.line, message: `link ${link.url}: ${message}` });
    const url = link.url;
    if (/^(https?:|mailto:)/.test(url)) continue;
    const [pathname = "", fragment] = url.split("#", 2);
    if (pathname === "") {
      if (fragment && !anchors(lesson.id)?.has(fragment)) fail(`no heading #${fragment} in this lesson`);
      continue;
    }
    if (!pathname.startsWith("/")) {
      fail('use a site path such as /learn/chapter-slug/lesson-slug (relative links break when lessons move)');
      continue;
    }
    if (pathname.replace(/\/$/, "") === GLOSSARY_PATH) {
      const terms = anchors(GLOSSARY_ID);
      if (!terms) fail("the glossary (content/glossary/index.mdx) is missing or does not compile");
      else if (fragment && !terms.has(fragment)) fail(`no term #${fragment} in the glossary (terms: ${[...terms].join(", ")})`);
      continue;
    }
    const learn = /^\/learn\/([a-z0-9-]+)\/([a-z0-9-]+)\/?$/.exec(pathname);
    if (learn) {
      const id = `${learn[1]}/${learn[2]}`;
      const target = byId.get(id);
      if (!target) fail(`no lesson "${id}"`);
      else if (target.frontmatter.draft && !lesson.frontmatter.draft) fail(`"${id}" is a draft, hidden from learners`);
      else if (fragment && !anchors(id)?.has(fragment)) fail(`no heading #${fragment} in ${id}`);
      continue;
    }
    if (!APP_ROUTES.has(pathname.replace(/\/$/, "") || "/")) fail("no such page on the site");
  }
}

function frontmatterLine(file: string, key: string): number | undefined {
  const idx = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.startsWith(`${key}:`));
  return idx >= 0 ? idx + 1 : undefined;
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

async function checkExample(
  harness: PythonHarness,
  lesson: LessonMeta,
  example: ExampleSpec,
  problems: Problem[],
  updated: string[] | null,
  recording: { key: string; save: (run: RecordedRun) => void } | null = null,
): Promise<number> {
  const where = example.file ?? lesson.file;
  const label = example.file ? path.basename(example.file) : `<${example.component}> at line ${example.line}`;
  const before = problems.length;
  const run = await runExample(harness, example);
  const { result } = run;
  const keep = () => {
    if (!recording || problems.length !== before) return;
    recordedWith ??= `Chromium ${harness.page.context().browser()?.version().split(".")[0] ?? ""} · CPython ${harness.ready.python ?? "3"}`;
    recording.save({ key: recording.key, filename: example.filename, recordedWith, recordedAt: new Date().toISOString().slice(0, 10), events: run.recorded, result });
  };
  const errorLine = result.error?.filename === example.filename ? result.error.line : undefined;
  // Lines of inline code are lines of the MDX file after the component's opening line.
  const line = example.file ? errorLine : example.line + (errorLine ?? 0);
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

async function checkExercise(harness: PythonHarness, exercise: ExerciseSpec, problems: Problem[]): Promise<number> {
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
    else problems.push({ file: file("solution.py"), line: v.line ?? undefined, message: `the solution does not pass its check${seedText(seed)}: ${v.message}` });
    return runs;
  }
  const starter = await verdict(exercise.starter, exercise.seeds[0] ?? null);
  if (starter.verdict === "pass") problems.push({ file: file("starter.py"), message: "the starter already passes its check: the learner would have nothing to do (is the check too weak?)" });
  else if (starter.message.startsWith("The check itself failed")) problems.push({ file: file("check.py"), message: `the check crashed on the starter instead of failing it: ${starter.message}` });
  return runs;
}
