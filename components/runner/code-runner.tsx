"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import { CopyButton } from "@/components/ui/copy-button";
import { STEP_CHOICE, type StepUnit } from "@/lib/python/protocol";
import { splitSchedule, type InterpreterModel } from "@/lib/python/schedule";
import { isStarting } from "@/lib/python/client/run-status";
import type { RunRequest } from "@/lib/python/client/types";
import type { Trace } from "@/lib/python/traces";
import { lastAsyncioTrace } from "@/lib/python/traces/asyncio";
import { lastThreadsTrace, processesTimeline } from "@/lib/python/traces/threads";
import { fetchRecording } from "@/lib/python/recorded-run";
import { EventLoopView } from "./event-loop-view";
import { NotRunNote, notRunLine, type NotRunHere } from "./not-run-note";
import { OutputConsole } from "./output-console";
import { RunnerStatus } from "./runner-status";
import { StepPanel } from "./step-panel";
import { readStepFragment, stepUrl } from "./step-link";
import { ThreadControls } from "./thread-controls";
import { ProcessTimeline } from "./process-timeline";
import { ThreadTimeline } from "./thread-timeline";
import { useDraft } from "./use-draft";
import { useRunSession, useRuntimePhase } from "./use-run-session";
import "./runner.css";

/** What a trace picture may do to the runner: mark lines in its editor (the event loop's current iteration). */
export interface TraceRenderOptions {
  onStepLines?: (lines: readonly number[]) => void;
}

export interface CodeRunnerProps {
  /** The lesson's code: inline, or read from `file="…"` next to the lesson by the content compiler. */
  code: string;
  title?: string;
  /** Shown in tracebacks and used for the download's name. */
  filename?: string;
  /** Lines fed to input() before the console asks. */
  stdin?: string[];
  /** Stable id for autosaving the learner's edits ("chapter/lesson:file.py"); the content compiler sets it. */
  runnerId?: string;
  /** Same as runnerId, for hand-written MDX. */
  id?: string;
  /** Where threads may switch: CPython 3.14 with its GIL (default), or free-threaded 3.14t. Set: the lesson fixes it. */
  model?: InterpreterModel;
  /**
   * Renders the run's pictures (thread timeline, processes, event loop) below the console; `running` is false once
   * the run is over. The default draws whichever the run sent.
   */
  renderTrace?: (traces: readonly Trace[], running: boolean, options?: TraceRenderOptions) => ReactNode;
  /**
   * Run this program instead, with the editor's code beside it as the file `filename` (an exercise's check
   * replayed around the learner's code).
   */
  main?: { code: string; filename: string; files: Record<string, string> };
  /** Start in step mode at once, following this schedule (a failing schedule an exercise's check found). */
  autoStep?: string;
}

const THREADS_RE = /\b(threading|_thread|concurrent\.futures)\b/;
const NO_LINES: readonly number[] = [];

/** The runner's element id, for a shared step link to scroll to. */
function runnerDomId(runnerId: string): string {
  return `runner-${runnerId.replace(/[^\w-]+/g, "-")}`;
}

/** What every runner draws unless told otherwise: the process timeline of a run that started processes, else the GIL
 * timeline of a run that used threads, and the event loop of a run that used asyncio. */
function renderTraces(traces: readonly Trace[], _running?: boolean, options?: TraceRenderOptions): ReactNode {
  const processes = processesTimeline(traces);
  if (processes) return <ProcessTimeline timeline={processes} />;
  const trace = lastThreadsTrace(traces);
  const loop = lastAsyncioTrace(traces);
  if (!trace && !loop) return null;
  return (
    <>
      {trace ? <ThreadTimeline trace={trace} /> : null}
      {loop ? <EventLoopView trace={loop} onStepLines={options?.onStepLines} /> : null}
    </>
  );
}


/**
 * A runnable example. Keyed by its id and lesson code, so that a runner React reuses for another example (client-side
 * navigation, a lesson edited under `npm run dev`) starts fresh instead of keeping the previous one's edits.
 */
export function CodeRunner(props: CodeRunnerProps) {
  return <Runner key={`${props.runnerId ?? props.id ?? ""}\u0000${props.code}`} {...props} />;
}

function Runner({ code: original, title, filename = "main.py", stdin, runnerId: compiledId, id, model: pinned, renderTrace = renderTraces, main, autoStep }: CodeRunnerProps) {
  const runnerId = compiledId ?? id;
  const [code, setCode] = useDraft(runnerId, original);
  const [session, snap] = useRunSession(main?.code ?? original);
  const phase = useRuntimePhase();
  const [undoCode, setUndoCode] = useState<string | null>(null);
  const [stepLines, setStepLines] = useState<readonly number[]>(NO_LINES);
  const [seed, setSeed] = useState<number | null>(null);
  const [chosenModel, setModel] = useState<InterpreterModel>(pinned ?? "gil");
  const model = pinned ?? chosenModel;
  const [share, setShare] = useState<{ url: string; note: string } | null>(null);
  const [notRun, setNotRun] = useState<NotRunHere | null>(null);
  /** Counts launches, so a recording fetched for an earlier run is not shown over a later one. */
  const launches = useRef(0);
  const usesThreads = THREADS_RE.test(code) || main !== undefined;
  const step = snap.step;

  const edit = useCallback(
    (next: string) => {
      setCode(next);
      // The pauses and the schedule belong to the code they were taken on: editing leaves step mode.
      if (session.getSnapshot().step) session.closeStepping();
    },
    [session, setCode],
  );

  /** The run as the editor and the controls say now (the editor's callbacks are stable: they read this ref). */
  const request = useRef<() => RunRequest>(() => ({ code }));
  useEffect(() => {
    request.current = () => {
      const base = main ? { code: main.code, filename: main.filename, files: { ...main.files, [filename]: code }, stdin } : { code, filename, stdin };
      return { ...base, model, seed: usesThreads ? seed : null };
    };
  }, [code, filename, stdin, main, model, seed, usesThreads]);

  const run = useCallback(() => {
    setStepLines(NO_LINES);
    setNotRun(null);
    if (session.getSnapshot().step) session.closeStepping();
    const req = request.current();
    const done = session.run(req, { traces: renderTrace !== null });
    const launchNo = ++launches.current;
    void done?.then(({ result }) => {
      if (result.status !== "unsupported" || main) return;
      // This browser lacks what the program needs: show the example's run recorded in Chromium, if this very
      // program (not an edited one, under the model chosen now) has one.
      const note = { needs: result.needs, reason: result.reason ?? "" };
      setNotRun({ ...note, recording: undefined });
      void fetchRecording({ filename: req.filename ?? "main.py", code: req.code, stdin: req.stdin ?? [], model: req.model }).then((recording) => {
        if (launches.current !== launchNo) return;
        if (recording) session.showRecording(recording);
        setNotRun({ ...note, recording });
      });
    });
  }, [session, renderTrace, main]);

  const startStepping = useCallback(
    (schedule: string, from: number, unit: StepUnit, plan: string | null, requestOverride?: RunRequest) => {
      const base = requestOverride ?? request.current();
      // A schedule says which model it was recorded under: step through it there.
      const recorded = splitSchedule(schedule).model;
      session.startStepping(recorded ? { ...base, model: recorded } : base, { schedule, from, unit }, plan);
    },
    [session],
  );

  // A runner made to replay a failing schedule starts stepping through it at once.
  useEffect(() => {
    if (autoStep !== undefined) startStepping(autoStep, 0, "line", autoStep);
    // Only on mounting (a new schedule mounts a new runner).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A shared link to a step of this runner: replay it once Python is up (runs wait for it in the queue).
  useEffect(() => {
    if (!runnerId) return;
    const link = readStepFragment(window.location.hash);
    if (!link || link.runnerId !== runnerId) return;
    const linked = link.code ?? code;
    if (link.code !== undefined) setCode(link.code);
    const base = request.current();
    startStepping(link.schedule, link.step, link.unit, link.schedule, main ? { ...base, files: { ...base.files, [filename]: linked } } : { ...base, code: linked });
    document.getElementById(runnerDomId(runnerId))?.scrollIntoView({ block: "start" });
    // Only on arriving with the link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shareStep = async () => {
    const link = session.linkToPause();
    if (!link || !runnerId) return;
    const url = stepUrl(window.location.href, { runnerId, ...link, ...(code !== original ? { code } : {}) });
    let note = "Copied to the clipboard.";
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      note = "Copy the link from the field.";
    }
    setShare({ url, note });
  };

  const reset = () => {
    if (code === original) return;
    setUndoCode(code);
    edit(original);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      run();
    }
  };

  const degraded = phase.phase === "ready" && !phase.isolated;
  const errorLine = snap.result?.status === "exception" ? (snap.result.error?.line ?? null) : null;
  const canReset = code !== original;
  const shown = step?.pauses.at(-1) ?? null;
  const threadLines = shown ? shown.threads.filter((t) => t.line !== undefined && (t.file === undefined || t.file === filename)).map((t) => ({ line: t.line!, thread: t.label, running: t.label === shown.current })) : undefined;
  const canStep = usesThreads && !(phase.phase === "ready" && !phase.jspi);
  const running = snap.running;

  return (
    <section className="card runner" id={runnerId ? runnerDomId(runnerId) : undefined} aria-label={title ? `Code example: ${title}` : "Code example"} onKeyDown={onKeyDown}>
      <header className="runner-toolbar">
        <span className="runner-title">{title ?? filename}</span>
        <div className="runner-actions">
          {/* aria-disabled rather than disabled: the button keeps focus while it cannot act. */}
          <button type="button" className="button button-primary button-small" onClick={run} aria-disabled={running} aria-keyshortcuts="Control+Enter Meta+Enter" title="Run (Ctrl+Enter)">
            <span aria-hidden="true">▶ </span>Run
          </button>
          <button type="button" className="button button-small" onClick={() => session.stop()} aria-disabled={!running} title="Stop: raises KeyboardInterrupt in the program">
            <span aria-hidden="true">■ </span>Stop
          </button>
          {canStep ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setShare(null);
                startStepping("", 0, "line", null);
              }}
              aria-disabled={running}
              aria-pressed={step !== null}
              title="Step: be the scheduler. The program pauses at each line (or bytecode) and you choose which thread runs next where it may switch."
            >
              Step
            </button>
          ) : null}
          <button type="button" className="button button-small" onClick={reset} aria-disabled={!canReset} title="Restore the lesson's code">
            Reset
          </button>
          {undoCode !== null && !canReset ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                edit(undoCode);
                setUndoCode(null);
              }}
            >
              Undo reset
            </button>
          ) : null}
          <CopyButton text={code} className="runner-copy" copiedMessage="Code copied to the clipboard" />
        </div>
      </header>
      <CodeEditor value={code} onChange={edit} onRun={run} label={`Python code${title ? `: ${title}` : ""}. Control+Enter runs it.`} errorLine={errorLine} stepLines={stepLines} threadLines={threadLines} hold={isStarting(phase) || snap.running} />
      {step ? (
        <StepPanel
          state={shown}
          step={step}
          filename={filename}
          source={code.split("\n")}
          shareUrl={share?.url ?? null}
          shareNote={share?.note ?? null}
          onPick={(choice) => session.pick(choice)}
          onUnit={(unit) => session.setUnit(unit)}
          onNextDecision={() => session.pick(STEP_CHOICE.NEXT_DECISION)}
          onUndo={() => {
            setShare(null);
            session.undo();
          }}
          onRunOn={() => session.pick(STEP_CHOICE.RUN_ON)}
          onShare={runnerId ? () => void shareStep() : undefined}
          onClose={() => session.closeStepping()}
        />
      ) : null}
      {usesThreads && !step ? <ThreadControls seed={seed} onSeed={setSeed} model={model} onModel={setModel} modelPinned={pinned !== undefined} /> : null}
      <RunnerStatus snap={snap} phase={phase} line={notRunLine(snap.result, notRun, main !== undefined)} />
      {notRun ? <NotRunNote note={notRun} canReset={canReset} /> : null}
      {degraded ? (
        <p className="runner-degraded">
          This browser gives the page no shared memory (SharedArrayBuffer), so Stop has to restart Python and input()
          cannot wait for typing (it sees end of file).
        </p>
      ) : null}
      <OutputConsole buffer={snap.output} live={running} inputPending={snap.inputPending} onInput={(line) => session.sendInput(line)} onEof={() => session.sendEof()} filename={filename} />
      {snap.traces.length > 0 ? <div className="runner-trace">{renderTrace(snap.traces, running, { onStepLines: setStepLines })}</div> : null}
    </section>
  );
}
