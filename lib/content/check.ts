/**
 * `npm run content:check`: every example and exercise of the course run through the site's own Python runtime (one
 * headless Chromium, one warm worker: PythonHarness), every link and prerequisite resolved, every image described.
 * Problems name the file and line. The report is also written as JSON for the /author pages.
 */
import fs from "node:fs";
import type { PythonHarness } from "@/lib/python/harness/node";
import { recordingKey, unreadableTraces, type RecordedRun } from "@/lib/python/recorded-run";
import { compileLesson, compileMdx, type CompiledLesson, type LessonManifest } from "./compile";
import { contentRoot, glossaryFile, GLOSSARY_ID, loadCourse, type Course, type LessonMeta } from "./discover";
import { ContentError } from "./errors";
import { formatProblem, lessonFingerprint, type ContentReport, type LessonReport, type Problem } from "./check-report";
import { checkLinks } from "./check-links";
import { checkBlockingCall, checkExample, checkExercise, checkPossibleOutputs, everyRun, onceMore } from "./check-programs";
import { readRecordings, writeRecordings } from "./recordings";

export { REPORT_FILE, formatProblem, type ContentReport, type LessonReport, type Problem } from "./check-report";

/** How many times content:check runs an example marked `claim`; every run must match its golden output. */
export const CLAIM_RUNS = 5;

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
  /** The harness, started the first time a lesson has something to run. */
  const warmHarness = async (): Promise<PythonHarness> => {
    if (!harness) {
      const { PythonHarness } = await import("@/lib/python/harness/node");
      harness = await PythonHarness.start();
      ownHarness = true;
    }
    return harness;
  };
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
          const h = await warmHarness();
          // Runs recorded for browsers that cannot run them: a still-valid recording is kept (no churn from timing),
          // a missing or outdated one is taken from this check's run; recordings of removed examples are dropped.
          const recorded = readRecordings(lesson.file);
          const keep: Record<string, RecordedRun> = {};
          for (const example of result.manifest.examples) {
            const key = await recordingKey({ filename: example.filename, code: example.code, stdin: example.presetStdin, model: example.model });
            const old = recorded[key];
            const recorder = old && unreadableTraces(old).length === 0 ? null : (run: RecordedRun) => void (keep[key] = run);
            if (old && !recorder) keep[key] = old;
            const once = (found: Problem[]) => checkExample(h, lesson, example, found, options.update ? report.updated : null, recorder ? { key, save: recorder } : null);
            if (example.claim && !options.update) {
              await quiet(h);
              entry.programs += await everyRun(once, CLAIM_RUNS, entry.problems);
            } else entry.programs += await onceMore(once, entry.problems, !options.update, log);
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
            const h = await warmHarness();
            for (const example of c.manifest.examples) programs += await checkExample(h, { file: extra.file } as LessonMeta, example, problems, options.update ? report.updated : null);
            for (const exercise of c.manifest.exercises) programs += await checkExercise(h, exercise, problems);
            for (const step of c.manifest.possibleOutputs) programs += await checkPossibleOutputs(h, step, problems);
            for (const step of c.manifest.blockingCalls) programs += await checkBlockingCall(h, step, problems);
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

/**
 * Before a claim's runs: no worker for child processes still booting. A lesson with processes leaves the page
 * booting spares for the next run (client/processes.ts refill), each keeping a core busy for a second or more; on a
 * 2-core machine a timed claim run beside them once measured 0.9 s where its lesson says about 0.3 s (CI, lesson 6.1).
 * A learner reading the lesson has no such boot going on. Waits 20 s at most.
 */
async function quiet(h: PythonHarness) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && (await h.debugState()).bootingProcesses > 0) await new Promise((r) => setTimeout(r, 100));
}

function hasPrograms(m: LessonManifest): boolean {
  return m.examples.length + m.exercises.length + m.possibleOutputs.length + m.blockingCalls.length > 0;
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

