"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import { progressStore } from "@/components/progress/progress-store";
import { getPythonRuntime } from "@/lib/python/client";
import type { RunEvent, RunHandle, RunResult, RuntimePhase } from "@/lib/python/client/types";
import { OutputBuffer } from "./output-buffer";
import { OutputConsole } from "./output-console";
import { lastThreadsTrace, processesTimeline } from "@/lib/python/traces/threads";
import { lastAsyncioTrace } from "@/lib/python/traces/asyncio";
import { processTagger } from "./process-tags";
import { describePhase, describeResult, formatElapsed, resultTone, type StatusTone } from "./run-status";
import { ProcessTimeline, ThreadTimeline } from "./thread-timeline";
import { EventLoopView } from "./event-loop-view";
import { StepPanel } from "./step-panel";
import { readStepFragment, stepUrl } from "./step-link";
import { parseStepState, type StepState } from "@/lib/python/traces/step";
import { STEP_CHOICE } from "@/lib/python/protocol";
import { parseSchedule } from "@/lib/python/schedule";
import { fetchRecording, type RecordedRun } from "@/lib/python/recorded-run";
import "./runner.css";

export type TraceEvent = Extract<RunEvent, { kind: "trace" }>;

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
  /**
   * Renders the run's visualisation events (thread timeline, event loop) below the console. Called on every
   * repaint while trace events arrive; `running` is false once the run is over.
   */
  renderTrace?: (events: readonly TraceEvent[], running: boolean, options?: TraceRenderOptions) => ReactNode;
  /**
   * Run this program instead, with the editor's code beside it as the file `filename` (an exercise's check
   * replayed around the learner's code).
   */
  main?: { code: string; filename: string; files: Record<string, string> };
  /** Start in step mode at once, following this schedule (a failing schedule an exercise's check found). */
  autoStep?: string;
}

const IDLE: RuntimePhase = { phase: "idle" };
const THREADS_RE = /\b(threading|_thread|concurrent\.futures)\b/;
const MAX_SEED = 2 ** 31 - 1;

const NO_LINES: readonly number[] = [];

/** The runner's element id, for a shared step link to scroll to. */
function runnerDomId(runnerId: string): string {
  return `runner-${runnerId.replace(/[^\w-]+/g, "-")}`;
}

/** What every runner draws unless told otherwise: the process timeline of a run that started processes, else the GIL
 * timeline of a run that used threads, and the event loop of a run that used asyncio. */
function renderThreadTimeline(events: readonly TraceEvent[], _running?: boolean, options?: TraceRenderOptions): ReactNode {
  const processes = processesTimeline(events);
  if (processes) return <ProcessTimeline timeline={processes} />;
  const trace = lastThreadsTrace(events);
  const loop = lastAsyncioTrace(events);
  if (!trace && !loop) return null;
  return (
    <>
      {trace ? <ThreadTimeline trace={trace} /> : null}
      {loop ? <EventLoopView trace={loop} onStepLines={options?.onStepLines} /> : null}
    </>
  );
}

function useRuntimePhase(): RuntimePhase {
  return useSyncExternalStore(
    (cb) => getPythonRuntime().onPhase(cb),
    () => getPythonRuntime().phase,
    () => IDLE,
  );
}

/**
 * Its own component so the 10 Hz tick repaints one span, not the runner. Mounted when the program starts (after
 * Python has loaded, if Run was pressed earlier), so it counts the program's time only.
 */
function RunTimer() {
  const [since] = useState(() => performance.now());
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsed(performance.now() - since), 100);
    return () => clearInterval(timer);
  }, [since]);
  return (
    <span className="runner-timer" aria-hidden="true">
      {formatElapsed(elapsed)}
    </span>
  );
}

type CopyState = "idle" | "copied" | "failed";

/** Where a step-mode run starts pausing: replay `schedule` up to step `from`. */
interface StepStart {
  schedule: string;
  from: number;
}

/**
 * A step-mode session: the pauses seen so far (for Undo), whether the run waits at the last one, and the schedule
 * being followed when the session came from a link (its proposals follow it until the learner leaves it).
 */
interface StepSession {
  pauses: StepState[];
  paused: boolean;
  ended: string | null;
  plan: string | null;
  /** The learner picked a thread other than the proposed one at some decision: the plan no longer applies. */
  deviated: boolean;
  shareUrl: string | null;
  shareNote: string | null;
}

/** A run that ended "unsupported": what the browser lacks, and the example's recorded run if there is one. */
interface NotRunHere {
  needs: RunResult["needs"];
  reason: string;
  /** undefined while it is being fetched; null when this program has none (an edited example). */
  recording: RecordedRun | null | undefined;
}

/** A recorded run as the runner's own output and traces. */
function replayRecording(recording: RecordedRun): { buffer: OutputBuffer; traces: TraceEvent[] } {
  const buffer = new OutputBuffer();
  const tag = processTagger();
  const traces: TraceEvent[] = [];
  for (const e of recording.events) {
    if (e.kind === "trace") traces.push({ kind: "trace", name: e.name, data: e.data, ...(e.pid !== undefined ? { pid: e.pid } : {}), ...(e.process ? { process: e.process } : {}) });
    else if (e.kind === "stdout" || e.kind === "stderr") buffer.append(e.kind, tag(e.text, e.source));
    else buffer.append(e.kind, e.text);
  }
  return { buffer, traces };
}

const BROWSERS_WITH_EVERYTHING = "Chrome or Edge 137+, Firefox 153+ or Safari 27+";

/** Says why the program did not run here, and what the learner can do. */
function NotRunNote({ note, canReset }: { note: NotRunHere; canReset: boolean }) {
  const what = note.needs ?? "this program";
  if (note.recording === undefined) {
    return (
      <p className="runner-degraded" role="note">
        This browser cannot run {what} yet: looking for this example&apos;s recorded run…
      </p>
    );
  }
  if (note.recording) {
    return (
      <div className="runner-degraded runner-recorded" role="note">
        <p>
          <strong>Recorded in Chromium: this browser cannot run {what} yet.</strong> The output and pictures below are
          from this very program, run in {note.recording.recordedWith} when the course was checked ({note.recording.recordedAt}).
        </p>
        <p>
          To run it yourself, and to change it, open this lesson in {BROWSERS_WITH_EVERYTHING}. Examples without threads
          or processes (plain Python, asyncio) run here for real.
        </p>
      </div>
    );
  }
  return (
    <div className="runner-degraded runner-recorded" role="note">
      <p>
        <strong>This browser cannot run {what} yet.</strong> {note.reason}
      </p>
      <p>
        {canReset ? "Reset brings back the lesson's example, whose recorded run this browser can show; or open" : "Open"} this
        lesson in {BROWSERS_WITH_EVERYTHING} to run your program.
      </p>
    </div>
  );
}

const NEW_SESSION: StepSession = { pauses: [], paused: false, ended: null, plan: null, deviated: false, shareUrl: null, shareNote: null };

/** The schedule to replay up to `target`: the plan being followed if the learner kept to it, else what they chose. */
function replaySchedule(session: StepSession, target: StepState): string {
  if (session.plan === null || session.deviated) return target.schedule;
  const plan = parseSchedule(session.plan);
  const made = parseSchedule(target.schedule);
  return made.every((c, i) => plan[i] === c) ? session.plan : target.schedule;
}

/**
 * A runnable example. Keyed by its id and lesson code, so that a runner React reuses for another example (client-side
 * navigation, a lesson edited under `npm run dev`) starts fresh instead of keeping the previous one's edits.
 */
export function CodeRunner(props: CodeRunnerProps) {
  return <Runner key={`${props.runnerId ?? props.id ?? ""}\u0000${props.code}`} {...props} />;
}

function Runner({ code: original, title, filename = "main.py", stdin, runnerId: compiledId, id, renderTrace = renderThreadTimeline, main, autoStep }: CodeRunnerProps) {
  const runnerId = compiledId ?? id;
  const saved = useSyncExternalStore(
    progressStore.subscribe,
    () => (runnerId ? progressStore.getSnapshot().drafts[runnerId]?.code : undefined),
    () => undefined,
  );
  const [edited, setEdited] = useState<string | null>(null);
  const code = edited ?? saved ?? original;
  const [undoCode, setUndoCode] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [inputPending, setInputPending] = useState(false);
  const [copy, setCopy] = useState<CopyState>("idle");
  const [output, setOutput] = useState(() => new OutputBuffer());
  const [traces, setTraces] = useState<readonly TraceEvent[]>([]);
  const [stepLines, setStepLines] = useState<readonly number[]>(NO_LINES);
  const [session, setSession] = useState<StepSession | null>(null);
  const [notRun, setNotRun] = useState<NotRunHere | null>(null);
  /** Counts launches, so a recording fetched for an earlier run is not shown over a later one. */
  const launches = useRef(0);
  /** A replay to start as soon as the run being stopped has ended (Undo while a run waits at a pause). */
  const relaunch = useRef<StepStart | null>(null);
  const stepping = useRef(false);
  useEffect(() => {
    stepping.current = session !== null;
  }, [session]);
  const handle = useRef<RunHandle | null>(null);
  const phase = useRuntimePhase();
  const running = startedAt !== null;

  // Start loading Python as soon as a runner is on screen: by the time the learner presses Run it is warm (and so
  // are workers for its child processes, when the program starts some). Leaving the page stops a program still
  // running: runs are queued, so it would hold up the next lesson's.
  const preloadCode = useRef(main?.code ?? original);
  useEffect(() => {
    getPythonRuntime().preload({ code: preloadCode.current });
    return () => handle.current?.stop();
  }, []);

  // ---- autosave of the learner's edits (debounced, flushed on leaving or signing out) ----
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingDraft = useRef<string | null>(null);
  const writeDraft = useCallback(() => {
    clearTimeout(saveTimer.current);
    if (runnerId && pendingDraft.current !== null) progressStore.saveDraft(runnerId, pendingDraft.current);
    pendingDraft.current = null;
  }, [runnerId]);

  useEffect(() => {
    const off = progressStore.registerPendingWriter(writeDraft);
    window.addEventListener("pagehide", writeDraft);
    return () => {
      writeDraft();
      off();
      window.removeEventListener("pagehide", writeDraft);
    };
  }, [writeDraft]);

  const edit = useCallback(
    (next: string) => {
      setEdited(next);
      // The pauses and the schedule belong to the code they were taken on: editing leaves step mode.
      if (stepping.current) {
        relaunch.current = null;
        handle.current?.stop();
        setSession(null);
      }
      if (!runnerId) return;
      pendingDraft.current = next;
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(writeDraft, 600);
    },
    [runnerId, writeDraft],
  );

  // ---- running ----
  // The editor's callbacks stay stable (it is memoised); they read the latest code through this ref.
  // Programs that use threads can run on a seeded, deterministic schedule: the same seed, the same interleaving.
  const [seed, setSeed] = useState<number | null>(null);
  const usesThreads = THREADS_RE.test(code) || main !== undefined;
  const runSeed = usesThreads ? seed : null;
  const latest = useRef({ code, filename, stdin, tracing: !!renderTrace, seed: runSeed, main });
  useEffect(() => {
    latest.current = { code, filename, stdin, tracing: !!renderTrace, seed: runSeed, main };
  }, [code, filename, stdin, renderTrace, runSeed, main]);

  // The run that ends hands over to a queued replay (Undo) through this, as `launch` cannot name itself.
  const launchRef = useRef<((step: StepStart | null) => void) | null>(null);
  const launch = useCallback((step: StepStart | null) => {
    if (handle.current) return;
    const buffer = new OutputBuffer();
    const traceLog: TraceEvent[] = [];
    let traceFrame = 0;
    const tag = processTagger();
    setOutput(buffer);
    setTraces([]);
    setStepLines(NO_LINES);
    setResult(null);
    setInputPending(false);
    setNotRun(null);
    setStartedAt(performance.now());
    const launchNo = ++launches.current;
    const { code: source, filename: file, stdin: preset, tracing, seed: scheduleSeed, main: program } = latest.current;
    const base = program
      ? { code: program.code, filename: program.filename, files: { ...program.files, [file]: source }, stdin: preset }
      : { code: source, filename: file, stdin: preset };
    const request = step ? { ...base, schedule: step.schedule, step: { from: step.from } } : { ...base, seed: scheduleSeed };
    if (!step) setSession(null);
    else setSession((s) => (s ? { ...s, paused: false, ended: null, shareUrl: null, shareNote: null } : s));
    handle.current = getPythonRuntime().run(request, (event) => {
      switch (event.kind) {
        case "stdout":
        case "stderr":
          buffer.append(event.kind, tag(event.text, event.source));
          break;
        case "notice":
          buffer.append("notice", event.text.endsWith("\n") ? event.text : `${event.text}\n`);
          break;
        case "input-request":
          // Python's input() writes its prompt to stdout itself; show the request's prompt only if it did not.
          if (event.prompt && !buffer.endsWith(event.prompt)) buffer.append("stdout", event.prompt);
          setInputPending(true);
          break;
        case "trace":
          if (event.name === "step") {
            const state = parseStepState(event.data);
            if (!state) break;
            // Pauses of a replay up to here are the same as before: keep the history up to this step.
            setSession((s) => (s ? { ...s, pauses: [...s.pauses.filter((p) => p.step < state.step), state], paused: true } : s));
            break;
          }
          // Nothing on this runner draws traces: drop them rather than keep and repaint for nothing.
          if (!tracing) break;
          // Step mode sends the timeline at every pause: the latest one replaces the one before.
          if (step && event.name === "threads") {
            const at = traceLog.findIndex((e) => e.name === "threads");
            if (at >= 0) traceLog.splice(at, 1);
          }
          traceLog.push(event);
          if (!traceFrame) traceFrame = requestAnimationFrame(() => ((traceFrame = 0), setTraces([...traceLog])));
          break;
        case "done": {
          cancelAnimationFrame(traceFrame);
          handle.current = null;
          setTraces([...traceLog]);
          setStartedAt(null);
          setInputPending(false);
          setResult(event.result);
          if (event.result.status === "unsupported" && !program && !step) {
            // This browser lacks what the program needs: show the example's run recorded in Chromium, if this
            // very program (not an edited one) has one.
            const note = { needs: event.result.needs, reason: event.result.reason ?? "" };
            setNotRun({ ...note, recording: undefined });
            void fetchRecording({ filename: file, code: source, stdin: preset ?? [] }).then((recording) => {
              if (launches.current !== launchNo) return;
              if (recording) {
                const replay = replayRecording(recording);
                setOutput(replay.buffer);
                setTraces(tracing ? replay.traces : []);
              }
              setNotRun({ ...note, recording });
            });
          }
          const next = relaunch.current;
          relaunch.current = null;
          if (next) {
            setTimeout(() => launchRef.current?.(next), 0);
          } else if (step) {
            setSession((s) => (s ? { ...s, paused: false, ended: describeResult(event.result) } : s));
          }
          break;
        }
      }
    });
  }, []);
  useEffect(() => {
    launchRef.current = launch;
  }, [launch]);
  const run = useCallback(() => launch(null), [launch]);

  // ---- step mode (be the scheduler) ----
  const startStepping = useCallback(
    (start: StepStart, plan: string | null) => {
      if (handle.current) return;
      setSession({ ...NEW_SESSION, plan });
      launch(start);
    },
    [launch],
  );

  const pick = (choice: number) => {
    if (!session?.paused || !handle.current) return;
    const state = session.pauses.at(-1);
    const deviated = session.deviated || (choice >= 0 && state !== undefined && state.decision && choice !== state.proposal);
    setSession({ ...session, paused: false, deviated, shareUrl: null, shareNote: null });
    handle.current.step(choice);
  };

  const undo = () => {
    if (!session || session.pauses.length === 0) return;
    // While paused, back to the pause before; after the run ended, back to its last pause.
    const target = session.ended !== null || !session.paused ? session.pauses.at(-1)! : session.pauses.at(-2);
    if (!target) return;
    const start = { schedule: replaySchedule(session, target), from: target.step };
    setSession({ ...session, pauses: session.pauses.filter((p) => p.step < target.step), paused: false, shareUrl: null, shareNote: null });
    if (handle.current) {
      relaunch.current = start;
      handle.current.stop();
    } else {
      launch(start);
    }
  };

  const share = async () => {
    if (!session || !runnerId) return;
    const state = session.pauses.at(-1);
    if (!state) return;
    const link = { runnerId, schedule: replaySchedule(session, state), step: state.step, ...(code !== original ? { code } : {}) };
    const url = stepUrl(window.location.href, link);
    let note = "Copied to the clipboard.";
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      note = "Copy the link from the field.";
    }
    setSession((s) => (s ? { ...s, shareUrl: url, shareNote: note } : s));
  };

  const closeStepping = () => {
    relaunch.current = null;
    handle.current?.stop();
    setSession(null);
  };

  // A runner made to replay a failing schedule starts stepping through it at once.
  useEffect(() => {
    if (autoStep !== undefined) startStepping({ schedule: autoStep, from: 0 }, autoStep);
    // Only on mounting (a new schedule mounts a new runner).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A shared link to a step of this runner: replay it once Python is up (runs wait for it in the queue).
  useEffect(() => {
    if (!runnerId) return;
    const link = readStepFragment(window.location.hash);
    if (!link || link.runnerId !== runnerId) return;
    // The link's code comes from the address (outside React), read once after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (link.code !== undefined) setEdited(link.code);
    latest.current = { ...latest.current, code: link.code ?? latest.current.code };
    startStepping({ schedule: link.schedule, from: link.step }, link.schedule);
    document.getElementById(runnerDomId(runnerId))?.scrollIntoView({ block: "start" });
    // Only on arriving with the link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const stop = () => handle.current?.stop();

  const reset = () => {
    if (code === original) return;
    setUndoCode(code);
    edit(original);
  };

  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopy("copied");
    } catch {
      // No clipboard permission, or an insecure context: say so rather than pretend.
      setCopy("failed");
    }
    setTimeout(() => setCopy("idle"), 2000);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      run();
    }
  };

  // ---- status line ----
  const loading = phase.phase === "idle" || phase.phase === "loading";
  let statusText: string;
  let tone: StatusTone;
  const pause = session?.paused ? session.pauses.at(-1) : undefined;
  if (running && pause) {
    tone = "neutral";
    statusText = `Paused before step ${pause.step}: choose the thread that runs next`;
  } else if (running) {
    tone = "busy";
    statusText = loading ? `Starting Python: ${describePhase(phase)}` : inputPending ? "Waiting for input…" : "Running…";
  } else if (notRun?.recording) {
    tone = "neutral";
    statusText = `Recorded run: this browser cannot run ${notRun.needs ?? "this program"} yet`;
  } else if (result) {
    tone = resultTone(result);
    statusText = describeResult(result);
  } else {
    tone = phase.phase === "error" ? "problem" : loading ? "busy" : "neutral";
    statusText = describePhase(phase);
  }
  const progress = phase.phase === "loading" ? phase.progress : undefined;
  const degraded = phase.phase === "ready" && !phase.isolated;
  const errorLine = result?.status === "exception" ? (result.error?.line ?? null) : null;
  const canReset = code !== original;
  const shown = session?.pauses.at(-1) ?? null;
  const threadLines = shown ? shown.threads.filter((t) => t.line !== undefined && (t.file === undefined || t.file === filename)).map((t) => ({ line: t.line!, thread: t.label, running: t.label === shown.current })) : undefined;
  const canStep = usesThreads && !(phase.phase === "ready" && !phase.jspi);

  return (
    <section className="runner" id={runnerId ? runnerDomId(runnerId) : undefined} aria-label={title ? `Code example: ${title}` : "Code example"} onKeyDown={onKeyDown}>
      <header className="runner-toolbar">
        <span className="runner-title">{title ?? filename}</span>
        <div className="runner-actions">
          {/* aria-disabled rather than disabled: the button keeps focus while it cannot act. */}
          <button
            type="button"
            className="button button-primary button-small"
            onClick={run}
            aria-disabled={running}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title="Run (Ctrl+Enter)"
          >
            <span aria-hidden="true">▶ </span>Run
          </button>
          <button type="button" className="button button-small" onClick={stop} aria-disabled={!running} title="Stop: raises KeyboardInterrupt in the program">
            <span aria-hidden="true">■ </span>Stop
          </button>
          {canStep ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => startStepping({ schedule: "", from: 0 }, null)}
              aria-disabled={running}
              aria-pressed={session !== null}
              title="Step: be the scheduler. The program pauses before every line and you choose which thread runs next."
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
          <button type="button" className="button button-small runner-copy" onClick={copyCode}>
            {copy === "copied" ? "Copied" : copy === "failed" ? "Copy failed" : "Copy"}
          </button>
          <span className="visually-hidden" aria-live="polite">
            {copy === "copied" ? "Code copied to the clipboard" : copy === "failed" ? "The browser did not allow copying" : ""}
          </span>
        </div>
      </header>
      <CodeEditor
        value={code}
        onChange={edit}
        onRun={run}
        label={`Python code${title ? `: ${title}` : ""}. Control+Enter runs it.`}
        errorLine={errorLine}
        stepLines={stepLines}
        threadLines={threadLines}
      />
      {session ? (
        <StepPanel
          state={shown}
          paused={session.paused}
          ended={session.ended}
          filename={filename}
          source={code.split("\n")}
          canUndo={session.paused ? session.pauses.length >= 2 : session.ended !== null && session.pauses.length >= 1}
          shareUrl={session.shareUrl}
          shareNote={session.shareNote}
          onPick={pick}
          onNextDecision={() => pick(STEP_CHOICE.NEXT_DECISION)}
          onUndo={undo}
          onRunOn={() => pick(STEP_CHOICE.RUN_ON)}
          onShare={runnerId ? () => void share() : undefined}
          onClose={closeStepping}
        />
      ) : null}
      {usesThreads && !session ? (
        <div className="runner-schedule">
          <label>
            <input type="checkbox" checked={seed !== null} onChange={(e) => setSeed(e.target.checked ? 1 : null)} /> Same schedule every run
          </label>
          {seed !== null ? (
            <>
              <label>
                seed{" "}
                <input
                  type="number"
                  min={0}
                  max={MAX_SEED}
                  value={seed}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) setSeed(n);
                  }}
                />
              </label>
              <button type="button" className="button button-small" onClick={() => setSeed(Math.floor(Math.random() * 100_000))}>
                Another seed
              </button>
            </>
          ) : (
            <span className="runner-schedule-note">Threads are switched every 5 ms, as on CPython: the interleaving can change from run to run.</span>
          )}
        </div>
      ) : null}
      <div className="runner-status" data-tone={tone}>
        {loading && (running || !result) ? (
          progress !== undefined ? (
            <progress className="runner-progress" max={1} value={progress} aria-label="Loading Python" />
          ) : (
            <span className="spinner" aria-hidden="true" />
          )
        ) : null}
        <span role="status" aria-live="polite" className="runner-status-text">
          {statusText}
        </span>
        {running && !loading && !pause ? <RunTimer key={startedAt} /> : null}
      </div>
      {notRun ? <NotRunNote note={notRun} canReset={canReset} /> : null}
      {degraded ? (
        <p className="runner-degraded">
          This browser gives the page no shared memory (SharedArrayBuffer), so Stop has to restart Python and input()
          cannot wait for typing (it sees end of file).
        </p>
      ) : null}
      <OutputConsole
        buffer={output}
        live={running}
        inputPending={inputPending}
        onInput={(line) => {
          output.append("input", `${line}\n`);
          setInputPending(false);
          handle.current?.sendInput(line);
        }}
        onEof={() => {
          output.append("notice", "End of input (Ctrl+D)\n");
          setInputPending(false);
          handle.current?.sendEof();
        }}
        filename={filename}
      />
      {traces.length > 0 ? <div className="runner-trace">{renderTrace(traces, running, { onStepLines: setStepLines })}</div> : null}
    </section>
  );
}
