"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { OutputBuffer } from "./output-buffer";

const VISIBLE_LINES = 500;

export function OutputConsole({
  buffer,
  inputPending,
  onInput,
  onEof,
  filename,
}: {
  buffer: OutputBuffer;
  inputPending: boolean;
  onInput(line: string): void;
  onEof(): void;
  filename: string;
}) {
  const { chunks, hiddenLines } = buffer.tail(VISIBLE_LINES);
  const scroller = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [line, setLine] = useState("");
  const inputId = useId();

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  });
  useEffect(() => {
    if (inputPending) input.current?.focus();
  }, [inputPending]);

  if (buffer.empty && !inputPending) return null;

  return (
    <div className="console">
      {hiddenLines > 0 ? (
        <p className="console-truncated">
          {buffer.lines.toLocaleString("en")} lines of output; the first {hiddenLines.toLocaleString("en")} are not shown.{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const url = URL.createObjectURL(new Blob([buffer.text()], { type: "text/plain" }));
              const a = document.createElement("a");
              a.href = url;
              a.download = `${filename.replace(/\.py$/, "")}-output.txt`;
              a.click();
              setTimeout(() => URL.revokeObjectURL(url), 1000);
            }}
          >
            Download full output
          </button>
        </p>
      ) : null}
      <div className="console-output" ref={scroller} tabIndex={0} aria-label="Program output" role="log">
        {chunks.map((c, i) =>
          c.stream === "stderr" ? (
            <span key={i} className="console-stderr">
              <span className="visually-hidden">Error output: </span>
              {c.text}
            </span>
          ) : (
            <span key={i} className={`console-${c.stream}`}>
              {c.text}
            </span>
          ),
        )}
        {inputPending ? (
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
              spellCheck={false}
            />
          </form>
        ) : null}
      </div>
    </div>
  );
}
