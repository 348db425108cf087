"use client";

import dynamic from "next/dynamic";
import { memo, useCallback, useEffect, useRef, useState, type CSSProperties } from "react";
import { countLines } from "./editor-metrics";
import { FOCUS_EDITOR_EVENT } from "./focus-editor";
import type { PythonEditorApi, ThreadLine } from "./python-editor";
import "./editor.css";

// Monaco (about 3 MB of script, 0.7 MB compressed) is not part of the page: it is fetched when a runner comes near
// the viewport, when its text is focused, or when the browser is idle after loading the page, and not while the
// runner's `hold` says Python is starting or running its program (unless the learner focuses the text). Until then,
// and if it ever fails to load, a plain text area with the same metrics shows and edits the code.
/** Load Monaco by then even if the runner is far down the page and the browser never idles. */
const IDLE_LOAD_MS = 4000;
/**
 * A hold ends by then (ms after the editor mounted) whatever it waits for. Monaco's parse and set-up on the page's
 * thread, beside the interpreter's start-up in its worker and then the program's first lines, made the first output
 * of a lesson's Run later on two cores (bench/site-runtime.ts, with Monaco kept away: warm visits 969 -> 783 ms, cold
 * 1.8 -> 1.3 s); a start-up or a program that never ends must not keep it away.
 */
const HOLD_MAX_MS = 6000;

/**
 * A failed fetch of Monaco's chunks (a flaky network, a deploy that replaced them) would otherwise throw into the
 * page's error boundary and take the lesson with it: the plain text box stays instead, and the learner can still edit
 * and run. A later mount tries again.
 */
function NoMonaco() {
  return null;
}
const PythonEditor = dynamic(
  () =>
    import("./python-editor").catch((err: unknown) => {
      console.warn("The code editor (Monaco) did not load; the plain text box stays.", err);
      return { default: NoMonaco };
    }),
  { ssr: false, loading: () => null },
);

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter inside Monaco (the plain text area lets the key bubble to the runner). */
  onRun(): void;
  label: string;
  /** 1-based line where the last run's exception surfaced, or null. */
  errorLine: number | null;
  /** 1-based lines to mark while stepping through the event-loop picture (where each task stopped). */
  stepLines?: readonly number[];
  /** Step mode: the line each thread is at, in its colour (the running one marked as such). */
  threadLines?: readonly ThreadLine[];
  /**
   * Monaco waits while this is true (Python is starting, or the runner's program runs: both would want the machine's
   * cores at once), unless the learner focuses the text; at most HOLD_MAX_MS after mounting. Once Monaco is coming,
   * a later hold does not send it away.
   */
  hold?: boolean;
}

/**
 * The keys a keyboard user needs, shown while the editor has focus (issue 21, item 10): Tab indents inside Monaco
 * until its tab-focus mode is toggled (Ctrl+M; Ctrl+Shift+M on a Mac), the plain text box lets Tab leave.
 */
function EditorKeys({ monaco }: { monaco: boolean }) {
  return (
    <p className="code-editor-keys" data-testid="editor-keys">
      <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs
      {monaco ? (
        <>
          {" "}
          · <kbd>Tab</kbd> indents; <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> on a Mac) lets <kbd>Tab</kbd> leave the editor
        </>
      ) : null}
    </p>
  );
}

/** The code box of a runner: server-rendered plain text at once, Monaco swapped in without moving anything. */
export const CodeEditor = memo(function CodeEditor({ value, onChange, onRun, label, errorLine, stepLines, threadLines, hold = false }: CodeEditorProps) {
  const box = useRef<HTMLDivElement>(null);
  const plain = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  /** The runner is near the viewport, or the page is idle: Monaco may come once nothing holds it. */
  const [wanted, setWanted] = useState(false);
  /** Monaco was asked for (latched: a later hold does not send it away). */
  const [latched, setLatched] = useState(false);
  const [holdExpired, setHoldExpired] = useState(false);
  const [ready, setReady] = useState(false);
  const lines = countLines(value);
  const load = latched || (wanted && (!hold || holdExpired));
  // Adjusting state while rendering (React's pattern for state derived from props), not in an effect.
  if (load && !latched) setLatched(true);

  useEffect(() => {
    const id = setTimeout(() => setHoldExpired(true), HOLD_MAX_MS);
    return () => clearTimeout(id);
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || wanted) return;
    const want = () => setWanted(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), { rootMargin: "800px 0px" });
    observer.observe(el);
    let cancelIdle: () => void;
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(want, { timeout: IDLE_LOAD_MS });
      cancelIdle = () => cancelIdleCallback(id);
    } else {
      // Safari has no requestIdleCallback.
      const id = setTimeout(want, IDLE_LOAD_MS);
      cancelIdle = () => clearTimeout(id);
    }
    return () => {
      observer.disconnect();
      cancelIdle();
    };
  }, [wanted]);

  const api = useRef<PythonEditorApi | null>(null);
  // "Skip to the first code editor" (components/ui/skip-to-code.tsx) asks the editor itself to take focus: Monaco
  // through its API once it is in, else the plain text box.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const focusEditor = () => {
      if (api.current && !plain.current) api.current.focusAt(0, 0);
      else plain.current?.focus({ preventScroll: true });
    };
    el.addEventListener(FOCUS_EDITOR_EVENT, focusEditor);
    return () => el.removeEventListener(FOCUS_EDITOR_EVENT, focusEditor);
  }, []);

  // A learner already typing in the plain box keeps the caret where it was: Monaco takes the focus once it is shown
  // (it is built under visibility: hidden, where nothing can take focus), in the effect after the swap.
  const caret = useRef<[number, number] | null>(null);
  const handOver = useCallback((editor: PythonEditorApi) => {
    api.current = editor;
    const textarea = plain.current;
    if (textarea && document.activeElement === textarea) caret.current = [textarea.selectionStart, textarea.selectionEnd];
    setReady(true);
  }, []);
  useEffect(() => {
    const at = caret.current;
    if (!ready || !at) return;
    caret.current = null;
    api.current?.focusAt(at[0], at[1]);
  }, [ready]);

  return (
    <div ref={box} className="code-editor" data-editor={ready ? "monaco" : "plain"} style={{ "--editor-lines": lines } as CSSProperties}>
      {ready ? null : (
        <div className="code-editor-plain">
          <div className="code-editor-gutter" ref={gutter} aria-hidden="true">
            {Array.from({ length: lines }, (_, i) => (
              <div key={i}>{i + 1}</div>
            ))}
          </div>
          <textarea
            ref={plain}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onFocus={() => setLatched(true)}
            onScroll={(e) => {
              if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
            aria-label={label}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
          />
        </div>
      )}
      {load ? (
        <div className="code-editor-monaco">
          <PythonEditor value={value} onChange={onChange} onRun={onRun} label={label} errorLine={errorLine} stepLines={stepLines} threadLines={threadLines} onReady={handOver} />
        </div>
      ) : null}
      <EditorKeys monaco={ready} />
    </div>
  );
});
