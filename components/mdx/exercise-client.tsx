"use client";

import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import { progressStore } from "@/components/progress/progress-store";
import { OutputConsole } from "@/components/runner/output-console";
import { CodeRunner } from "@/components/runner/code-runner";
import { useDraft } from "@/components/runner/use-draft";
import { useRunSession, useRuntimePhase } from "@/components/runner/use-run-session";
import { checkRequest, readVerdict, type CheckSupport, type CheckVerdict } from "@/lib/content/exercise-check";
import { describeResult, isStarting } from "@/lib/python/client/run-status";
import type { ExerciseProps } from "./exercise";
import "@/components/runner/runner.css";
import "./exercise.css";

/** The exercise as the server component (./exercise.tsx) hands it over: its MDX children split into task and hints. */
export interface ExerciseClientProps extends Omit<ExerciseProps, "children"> {
  task: ReactNode;
  hints: ReactNode[];
  support: CheckSupport;
}

type Busy = null | "run" | "check";

/** The schedule a thread-safety check (checking.expect_thread_safe) names when it finds one that breaks the code. */
const BREAKING_SCHEDULE = /The schedule that breaks it: ((?:gil|ft):[0-9x,]*|[0-9x,]+)\s*$/;

const NO_ATTEMPTS: readonly { passed: boolean; hintsUsed: number }[] = [];

/** Attempts at this exercise in the progress store, kept referentially stable between unrelated changes. */
function useAttempts(exerciseId: string) {
  const cache = useRef<{ source: unknown; value: readonly { passed: boolean; hintsUsed: number }[] }>({ source: null, value: NO_ATTEMPTS });
  return useSyncExternalStore(
    progressStore.subscribe,
    () => {
      const all = progressStore.getSnapshot().attempts;
      if (cache.current.source !== all) cache.current = { source: all, value: all.filter((a) => a.exerciseId === exerciseId) };
      return cache.current.value;
    },
    () => NO_ATTEMPTS,
  );
}

/**
 * An exercise: the task, an editor with the starter code, Run (the learner's program), Check (the author's check,
 * run against the learner's code in the sandboxed Python worker, never on the server), hints one at a time, and the
 * solution once the learner has tried enough. Every check is recorded as an attempt in the progress store. Runs go
 * through the same run session as a lesson's runner (lib/python/client/session.ts).
 */
export function ExerciseClient({ exerciseId, lessonId, starter, solution, check, title, attempts: solutionAfter = 3, seeds, practice = false, task, hints, support }: ExerciseClientProps) {
  const headingId = useId();
  const [code, edit] = useDraft(exerciseId.replace("#", ":exercise:"), starter);
  const [session, snap] = useRunSession(code);
  const phase = useRuntimePhase();
  const attempts = useAttempts(exerciseId);
  // In practice mode (the component catalog) attempts are counted here only, never saved.
  const [practiceAttempts, setPracticeAttempts] = useState({ failed: 0, passed: false });
  const failed = practice ? practiceAttempts.failed : attempts.filter((a) => !a.passed).length;
  const solved = practice ? practiceAttempts.passed : attempts.some((a) => a.passed);
  const [hintsShown, setHintsShown] = useState(0);
  const hintsUsed = Math.max(hintsShown, ...(practice ? [] : attempts.map((a) => a.hintsUsed)));
  const [solutionShown, setSolutionShown] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [verdict, setVerdict] = useState<CheckVerdict | null>(null);
  /** The learner's code as last checked, and a failing schedule being stepped through on it. */
  const checked = useRef("");
  const [replay, setReplay] = useState<{ schedule: string; code: string; n: number } | null>(null);

  const latest = useRef({ code, hintsUsed });
  useEffect(() => {
    latest.current = { code, hintsUsed };
  }, [code, hintsUsed]);

  const run = useCallback(() => {
    const done = session.run({ code: latest.current.code, filename: "exercise.py" }, { traces: false });
    if (!done) return;
    setVerdict(null);
    setBusy("run");
    void done.then(() => setBusy(null));
  }, [session]);

  const runCheck = useCallback(async () => {
    if (session.busy) return;
    const { code: learnerCode, hintsUsed: hintsAtCheck } = latest.current;
    setVerdict(null);
    setReplay(null);
    setBusy("check");
    checked.current = learnerCode;
    let outcome: CheckVerdict = { verdict: "pass", message: "", line: null };
    let printed = "";
    let first = true;
    let unsupported = false;
    for (const seed of seeds?.length ? seeds : [null]) {
      const done = session.run(checkRequest(learnerCode, check, support, seed), { traces: false, captureStdout: true, sameConsole: !first });
      if (!done) break;
      first = false;
      const { result, stdout } = await done;
      const read = readVerdict(stdout, result);
      unsupported ||= result.status === "unsupported";
      if (read.output) session.getSnapshot().output.append("stdout", `${read.output}\n`);
      printed += read.output;
      outcome = read.verdict;
      if (outcome.verdict !== "pass" || session.wasStopped) break;
    }
    setBusy(null);
    if (session.wasStopped) {
      setVerdict({ verdict: "error", message: "Check stopped.", line: null });
      return;
    }
    setVerdict(outcome);
    // The browser could not run the code (no stack switching): not an attempt of the learner's.
    if (unsupported) return;
    if (practice) {
      setPracticeAttempts((n) => ({ failed: n.failed + (outcome.verdict === "pass" ? 0 : 1), passed: n.passed || outcome.verdict === "pass" }));
      return;
    }
    progressStore.recordAttempt({
      exerciseId,
      lessonId,
      code: learnerCode,
      passed: outcome.verdict === "pass",
      hintsUsed: hintsAtCheck,
      output: `${outcome.message}\n${printed}`.trim().slice(0, 10_000),
    });
  }, [check, exerciseId, lessonId, practice, seeds, support, session]);

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      if (e.shiftKey) void runCheck();
      else run();
    }
  };

  const runResult = busy === null && !verdict ? snap.result : null;
  const canReveal = solved || failed >= solutionAfter;
  const toReveal = Math.max(0, solutionAfter - failed);
  const errorLine = verdict?.verdict === "error" ? verdict.line : runResult?.status === "exception" ? (runResult.error?.line ?? null) : null;

  const breaking = verdict?.verdict === "fail" ? (BREAKING_SCHEDULE.exec(verdict.message)?.[1] ?? null) : null;
  let status: ReactNode;
  let tone: "neutral" | "busy" | "ok" | "problem" = "neutral";
  if (busy === "check") {
    status = "Checking your code…";
    tone = "busy";
  } else if (busy === "run") {
    status = snap.inputPending ? "Waiting for input…" : "Running…";
    tone = "busy";
  } else if (verdict) {
    tone = verdict.verdict === "pass" ? "ok" : "problem";
    status = verdict.verdict === "pass" ? "All checks passed. Well done!" : verdict.verdict === "fail" ? "Not yet: a check failed." : "Your code stopped with an error.";
  } else if (runResult) {
    tone = runResult.status === "ok" ? "neutral" : "problem";
    status = describeResult(runResult);
  } else {
    status = solved ? "Solved before. Check again any time." : "Write your solution, then press Check.";
  }

  return (
    <section className="exercise" aria-labelledby={headingId} onKeyDown={onKeyDown} data-solved={solved || undefined}>
      <header className="exercise-header">
        <p className="exercise-kicker">
          Exercise
          {solved ? <span className="exercise-badge">✓ Solved</span> : null}
        </p>
        <h3 id={headingId} className="exercise-title">
          {title ?? "Your turn"}
        </h3>
      </header>
      <div className="exercise-task">{task}</div>
      <div className="card runner exercise-runner">
        <div className="runner-toolbar">
          <span className="runner-title">exercise.py</span>
          <div className="runner-actions">
            <button type="button" className="button button-primary button-small" onClick={() => void runCheck()} aria-disabled={busy !== null} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" title="Check (Ctrl+Shift+Enter)">
              <span aria-hidden="true">✓ </span>Check
            </button>
            <button type="button" className="button button-small" onClick={run} aria-disabled={busy !== null} aria-keyshortcuts="Control+Enter Meta+Enter" title="Run your program (Ctrl+Enter)">
              <span aria-hidden="true">▶ </span>Run
            </button>
            <button type="button" className="button button-small" onClick={() => session.stop()} aria-disabled={busy === null}>
              <span aria-hidden="true">■ </span>Stop
            </button>
            <button type="button" className="button button-small" onClick={() => edit(starter)} aria-disabled={code === starter} title="Start again from the starter code">
              Reset
            </button>
          </div>
        </div>
        <CodeEditor value={code} onChange={edit} onRun={run} label={`Your solution${title ? ` to ${title}` : ""}. Control+Enter runs it, Control+Shift+Enter checks it.`} errorLine={errorLine} hold={isStarting(phase) || busy !== null} />
        <div className="runner-status" data-tone={tone}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          <span role="status" aria-live="polite" className="runner-status-text">
            {status}
          </span>
        </div>
        {verdict && verdict.verdict !== "pass" && verdict.message ? (
          <pre className="exercise-verdict" data-verdict={verdict.verdict}>
            {verdict.message}
          </pre>
        ) : null}
        {breaking ? (
          <p className="exercise-replay">
            <button type="button" className="button button-small" onClick={() => setReplay((r) => ({ schedule: breaking, code: checked.current, n: (r?.n ?? 0) + 1 }))}>
              Step through this schedule
            </button>{" "}
            Replays the failing run one line at a time, the threads switching where the schedule says.
          </p>
        ) : null}
        <OutputConsole
          buffer={snap.output}
          live={busy !== null}
          inputPending={snap.inputPending}
          onInput={(line) => session.sendInput(line)}
          onEof={() => session.sendEof()}
          filename="exercise-output.txt"
        />
      </div>
      {replay ? (
        <div key={replay.n}>
          <CodeRunner
            code={replay.code}
            filename="learner.py"
            title="The failing schedule, step by step (your code, run by the check)"
            main={{ code: support.runner, filename: "run_check.py", files: { "check.py": check, "checking.py": support.helpers } }}
            autoStep={replay.schedule}
          />
        </div>
      ) : null}
      <div className="exercise-help">
          {hints.length > 0 ? (
            <div className="exercise-hints">
              {hints.slice(0, hintsUsed).map((hint, i) => (
                <div key={i} className="exercise-hint">
                  <p className="exercise-hint-label">
                    Hint {i + 1} of {hints.length}
                  </p>
                  {hint}
                </div>
              ))}
              {hintsUsed < hints.length ? (
                <button type="button" className="button button-small" onClick={() => setHintsShown(hintsUsed + 1)}>
                  {hintsUsed === 0 ? "Show a hint" : "Show another hint"} ({hintsUsed + 1} of {hints.length})
                </button>
              ) : null}
            </div>
          ) : null}
          <div className="exercise-solution">
            {solutionShown ? (
              <>
                <p className="exercise-hint-label">A solution</p>
                <pre className="exercise-solution-code code-panel" tabIndex={0} aria-label="A solution">
                  <code>{solution}</code>
                </pre>
              </>
            ) : canReveal ? (
              <button type="button" className="button button-small" onClick={() => setSolutionShown(true)}>
                Show a solution
              </button>
            ) : (
              <p className="exercise-note">
                A solution can be shown after {toReveal} more {toReveal === 1 ? "check" : "checks"}.
              </p>
            )}
          </div>
      </div>
    </section>
  );
}
