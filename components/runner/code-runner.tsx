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
}

const IDLE: RuntimePhase = { phase: "idle" };
const THREADS_RE = /\b(threading|_thread|concurrent\.futures)\b/;
const MAX_SEED = 2 ** 31 - 1;

const NO_LINES: readonly number[] = [];

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

/**
 * A runnable example. Keyed by its id and lesson code, so that a runner React reuses for another example (client-side
 * navigation, a lesson edited under `npm run dev`) starts fresh instead of keeping the previous one's edits.
 */
export function CodeRunner(props: CodeRunnerProps) {
  return <Runner key={`${props.runnerId ?? props.id ?? ""}\u0000${props.code}`} {...props} />;
}

function Runner({ code: original, title, filename = "main.py", stdin, runnerId: compiledId, id, renderTrace = renderThreadTimeline }: CodeRunnerProps) {
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
  const handle = useRef<RunHandle | null>(null);
  const phase = useRuntimePhase();
  const running = startedAt !== null;

  // Start loading Python as soon as a runner is on screen: by the time the learner presses Run it is warm.
  // Leaving the page stops a program still running: runs are queued, so it would hold up the next lesson's.
  useEffect(() => {
    getPythonRuntime().preload();
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
  const usesThreads = THREADS_RE.test(code);
  const runSeed = usesThreads ? seed : null;
  const latest = useRef({ code, filename, stdin, tracing: !!renderTrace, seed: runSeed });
  useEffect(() => {
    latest.current = { code, filename, stdin, tracing: !!renderTrace, seed: runSeed };
  }, [code, filename, stdin, renderTrace, runSeed]);

  const run = useCallback(() => {
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
    setStartedAt(performance.now());
    const { code: source, filename: file, stdin: preset, tracing, seed: scheduleSeed } = latest.current;
    handle.current = getPythonRuntime().run({ code: source, filename: file, stdin: preset, seed: scheduleSeed }, (event) => {
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
          // Nothing on this runner draws traces: drop them rather than keep and repaint for nothing.
          if (!tracing) break;
          traceLog.push(event);
          if (!traceFrame) traceFrame = requestAnimationFrame(() => ((traceFrame = 0), setTraces([...traceLog])));
          break;
        case "done":
          cancelAnimationFrame(traceFrame);
          handle.current = null;
          setTraces([...traceLog]);
          setStartedAt(null);
          setInputPending(false);
          setResult(event.result);
          break;
      }
    });
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
  if (running) {
    tone = "busy";
    statusText = loading ? `Starting Python: ${describePhase(phase)}` : inputPending ? "Waiting for input…" : "Running…";
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

  return (
    <section className="runner" aria-label={title ? `Code example: ${title}` : "Code example"} onKeyDown={onKeyDown}>
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
      />
      {usesThreads ? (
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
        {running && !loading ? <RunTimer key={startedAt} /> : null}
      </div>
      {degraded ? (
        <p className="runner-degraded">
          This page is not cross-origin isolated, so Stop has to restart Python and input() cannot wait for typing (it
          sees end of file).
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
