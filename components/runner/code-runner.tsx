"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from "react";
import { getPythonRuntime } from "@/lib/python/client";
import type { RunHandle, RunResult, RuntimePhase } from "@/lib/python/client/types";
import { progressStore } from "@/components/progress/progress-store";
import { OutputBuffer } from "./output-buffer";
import { OutputConsole } from "./output-console";

const MonacoEditor = dynamic(() => import("@/components/editor/monaco-editor"), { ssr: false, loading: () => null });

export interface CodeRunnerProps {
  /** The lesson's code (inline, or read from `file="…"` by the content compiler). */
  code: string;
  title?: string;
  filename?: string;
  /** Lines fed to input() before the console asks. */
  stdin?: string[];
  /** Stable id for autosaving the learner's edits ("chapter/lesson:file.py"); set by the content compiler. */
  runnerId?: string;
}

function useDarkTheme(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mo = new MutationObserver(cb);
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
      const mq = window.matchMedia("(prefers-color-scheme: dark)");
      mq.addEventListener("change", cb);
      return () => {
        mo.disconnect();
        mq.removeEventListener("change", cb);
      };
    },
    () => {
      const t = document.documentElement.getAttribute("data-theme");
      return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    },
    () => false,
  );
}

const IDLE: RuntimePhase = { phase: "idle" };

function useRuntimePhase(): RuntimePhase {
  return useSyncExternalStore(
    (cb) => getPythonRuntime().onPhase(cb),
    () => getPythonRuntime().phase,
    () => IDLE,
  );
}

function describeResult(r: RunResult): string {
  switch (r.status) {
    case "ok":
      return `Finished in ${r.durationMs} ms`;
    case "exit":
      return `Exited with code ${r.exitCode} after ${r.durationMs} ms`;
    case "exception":
      return `Exception: ${r.error?.type ?? "Error"}${r.error?.message ? `: ${r.error.message}` : ""}${r.error?.line ? ` (line ${r.error.line})` : ""}`;
    case "interrupted":
      return "Interrupted (KeyboardInterrupt)";
    case "killed":
      return `Stopped by force: ${r.reason ?? "the interpreter was restarted"}`;
    case "deadlock":
      return "Deadlock: every thread was waiting";
  }
}

export function CodeRunner({ code: original, title, filename = "main.py", stdin, runnerId }: CodeRunnerProps) {
  const saved = useSyncExternalStore(progressStore.subscribe, () => (runnerId ? progressStore.getSnapshot().drafts[runnerId]?.code : undefined), () => undefined);
  const [edited, setEdited] = useState<string | null>(null);
  const code = edited ?? saved ?? original;
  const [undoCode, setUndoCode] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RunResult | null>(null);
  const [inputPending, setInputPending] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [copied, setCopied] = useState(false);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The buffer is appended to in place (cheap for floods); `rerender` repaints at most once per frame.
  const [output, setOutput] = useState(() => new OutputBuffer());
  const handle = useRef<RunHandle | null>(null);
  const phase = useRuntimePhase();
  const dark = useDarkTheme();
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Start loading Python as soon as a runner is on screen: by the time the learner presses Run it is warm.
  useEffect(() => {
    getPythonRuntime().preload();
  }, []);

  useEffect(() => {
    if (!running) return;
    const started = performance.now();
    const timer = setInterval(() => setElapsed(performance.now() - started), 100);
    return () => clearInterval(timer);
  }, [running]);

  const pendingDraft = useRef<string | null>(null);
  const writeDraft = useCallback(() => {
    clearTimeout(saveTimer.current);
    if (runnerId && pendingDraft.current !== null) progressStore.saveDraft(runnerId, pendingDraft.current);
    pendingDraft.current = null;
  }, [runnerId]);

  // An edit typed just before leaving or signing out is written at once rather than lost with the debounce.
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

  const run = useCallback(() => {
    if (handle.current) return;
    const buffer = new OutputBuffer();
    setOutput(buffer);
    setResult(null);
    setInputPending(false);
    setElapsed(0);
    setRunning(true);
    let frame = 0;
    const scheduleRender = () => {
      // Output can arrive much faster than the screen refreshes: repaint at most once per frame.
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), rerender()));
    };
    handle.current = getPythonRuntime().run({ code, filename, stdin }, (event) => {
      if (event.kind === "stdout" || event.kind === "stderr") buffer.append(event.kind, event.text);
      else if (event.kind === "notice") buffer.append("notice", `${event.text}\n`);
      else if (event.kind === "input-request") setInputPending(true);
      else if (event.kind === "done") {
        handle.current = null;
        setRunning(false);
        setInputPending(false);
        setResult(event.result);
      }
      scheduleRender();
    });
  }, [code, filename, stdin]);

  const stop = () => handle.current?.stop();
  const reset = () => {
    setUndoCode(code);
    edit(original);
  };

  const loading = phase.phase === "loading" || phase.phase === "idle";
  const status = running
    ? inputPending
      ? "Waiting for input…"
      : `Running… ${(elapsed / 1000).toFixed(1)} s`
    : result
      ? describeResult(result)
      : phase.phase === "error"
        ? `Python could not start: ${phase.message}`
        : loading
          ? `${phase.phase === "loading" ? phase.step : "Preparing Python"}…`
          : "Ready";

  return (
    <section
      className="runner"
      aria-label={title ? `Code example: ${title}` : "Code example"}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
          e.preventDefault();
          run();
        }
      }}
    >
      <header className="runner-toolbar">
        <span className="runner-title">{title ?? filename}</span>
        <div className="runner-actions">
          <button type="button" className="button button-primary button-small" onClick={run} disabled={running} aria-keyshortcuts="Control+Enter Meta+Enter" title="Run (Ctrl+Enter)">
            ▶ Run
          </button>
          <button type="button" className="button button-small" onClick={stop} disabled={!running} title="Stop (raises KeyboardInterrupt)">
            ■ Stop
          </button>
          <button type="button" className="button button-small" onClick={reset} disabled={code === original} title="Restore the lesson's code">
            Reset
          </button>
          {undoCode !== null && code === original ? (
            <button type="button" className="button button-small" onClick={() => (edit(undoCode), setUndoCode(null))}>
              Undo reset
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small"
            onClick={async () => {
              await navigator.clipboard.writeText(code);
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      </header>
      <div className="runner-editor">
        <MonacoEditor value={code} onChange={edit} onRun={run} label={`Python code${title ? `: ${title}` : ""}. Press Control+Enter to run.`} dark={dark} errorLine={result?.status === "exception" ? (result.error?.line ?? null) : null} />
        <noscript>
          <pre>{code}</pre>
        </noscript>
      </div>
      <div className="runner-status" role="status" aria-live="polite" data-status={running ? "running" : (result?.status ?? (loading ? "loading" : "ready"))}>
        {loading && !running ? <span className="spinner" aria-hidden="true" /> : null}
        {status}
      </div>
      <OutputConsole
        buffer={output}
        inputPending={inputPending}
        onInput={(line) => {
          output.append("input", `${line}\n`);
          setInputPending(false);
          handle.current?.sendInput(line);
        }}
        onEof={() => {
          setInputPending(false);
          handle.current?.sendEof();
        }}
        filename={filename}
      />
    </section>
  );
}
