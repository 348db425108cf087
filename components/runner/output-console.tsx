"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Chunk, OutputBuffer } from "@/lib/python/client/output-buffer";
import { RepaintPacer } from "./repaint-pacer";

/** Lines kept in the DOM; the rest is counted and downloadable. */
const VISIBLE_LINES = 500;
/**
 * While a program floods the console every repaint replaces the whole window, so its cost grows with the window:
 * a short one keeps each repaint brief. The full window returns when the run ends.
 */
const FLOOD_LINES = 60;

/** Re-renders when the buffer changes, at the pace the pacer allows. */
function useBufferVersion(buffer: OutputBuffer, pacer: RepaintPacer): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const off = buffer.subscribe(() => pacer.request(onChange));
      return () => {
        off();
        pacer.cancel();
      };
    },
    [buffer, pacer],
  );
  return useSyncExternalStore(
    subscribe,
    () => buffer.version,
    () => 0,
  );
}

function download(buffer: OutputBuffer, filename: string) {
  const url = URL.createObjectURL(new Blob([buffer.text()], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${filename.replace(/\.py$/, "")}-output.txt`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One run of same-stream text within a line. stderr and notices carry a hidden label: colour is not the only cue. */
function Segment({ chunk }: { chunk: Chunk }) {
  switch (chunk.stream) {
    case "stderr":
      return (
        <span className="console-stderr">
          <span className="visually-hidden">Error output: </span>
          {chunk.text}
        </span>
      );
    case "notice":
      return (
        <span className="console-notice">
          <span className="visually-hidden">Notice: </span>
          {chunk.text}
        </span>
      );
    case "input":
      return <span className="console-echo">{chunk.text}</span>;
    case "stdout":
      return <span>{chunk.text}</span>;
  }
}

export interface OutputConsoleProps {
  buffer: OutputBuffer;
  /** The program is still running (more output may come). */
  live: boolean;
  /** The program waits in input(): show the inline field. */
  inputPending: boolean;
  onInput(line: string): void;
  /** Ctrl+D in the field: input() sees end of file. */
  onEof(): void;
  /** Names the downloaded file. */
  filename: string;
}

export function OutputConsole({ buffer, live, inputPending, onInput, onEof, filename }: OutputConsoleProps) {
  const [pacer] = useState(() => new RepaintPacer());
  useBufferVersion(buffer, pacer);
  const flooding = live && buffer.lines > VISIBLE_LINES;
  const { lines, hiddenLines, open } = buffer.tailLines(flooding ? FLOOD_LINES : VISIBLE_LINES);
  const scroller = useRef<HTMLDivElement>(null);
  const stuckToBottom = useRef(true);
  const input = useRef<HTMLInputElement>(null);
  const [line, setLine] = useState("");
  const inputId = useId();

  // Follow new output while the reader is at the bottom; leave them where they are if they scrolled up to read.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stuckToBottom.current) el.scrollTop = el.scrollHeight;
    // Reading scrollHeight above forced this repaint's layout, so the pacer measures nearly all of its cost.
    pacer.painted();
  });
  useEffect(() => {
    stuckToBottom.current = true;
  }, [buffer]);
  useEffect(() => {
    if (inputPending) {
      stuckToBottom.current = true;
      input.current?.focus();
    }
  }, [inputPending]);

  if (buffer.empty && !inputPending) return null;
  const total = buffer.lines;
  // input() waits: an inline field after the prompt (the prompt is the open last line).
  const field = (
    <form
      className="console-input"
      onSubmit={(e) => {
        e.preventDefault();
        onInput(line);
        setLine("");
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Input for the program (Enter sends the line, Ctrl+D ends input)
      </label>
      <input
        id={inputId}
        ref={input}
        value={line}
        onChange={(e) => setLine(e.target.value)}
        onKeyDown={(e) => {
          if (e.ctrlKey && e.key.toLowerCase() === "d") {
            e.preventDefault();
            onEof();
          }
        }}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="send"
      />
    </form>
  );

  return (
    <div className="console">
      {hiddenLines > 0 ? (
        <p className="console-truncated">
          <span>
            {total.toLocaleString("en")} lines ({hiddenLines.toLocaleString("en")} hidden)
          </span>
          <span className="console-download">
            <span aria-hidden="true">— </span>
            <button type="button" className="link-button" onClick={() => download(buffer, filename)}>
              Download full output
            </button>
          </span>
        </p>
      ) : null}
      <div
        className="console-output"
        ref={scroller}
        tabIndex={0}
        aria-label="Program output"
        role="log"
        // A flood re-renders its tail every frame; announcing that would drown a screen reader.
        aria-live={hiddenLines > 0 ? "off" : "polite"}
        onScroll={(e) => {
          const el = e.currentTarget;
          stuckToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
        }}
      >
        {lines.map((segments, i) => (
          <div key={hiddenLines + i} className="console-line">
            {segments.length === 1 && segments[0]!.stream === "stdout"
              ? segments[0]!.text // the common case: one text node, no span
              : segments.map((c, j) => <Segment key={j} chunk={c} />)}
            {inputPending && open && i === lines.length - 1 ? field : null}
          </div>
        ))}
        {inputPending && !open ? <div className="console-line">{field}</div> : null}
      </div>
    </div>
  );
}
