"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { getPythonRuntime } from "@/lib/python/client";
import type { RunHandle, RunResult } from "@/lib/python/client/types";
import { describeResult } from "@/lib/python/client/run-status";
import { fetchRecording } from "@/lib/python/recorded-run";
import { comparePrediction, type Comparison } from "./predict-compare";
import { CheckForm, PredictCode, PredictKicker } from "./predict-parts";
import "./exercise.css";

export interface PredictOutputProps {
  /** The program, read from `file="…"` beside the lesson by the content compiler (or written inline). */
  code: string;
  filename?: string;
  title?: string;
  /** How the prediction is compared: "exact" lines (default), "unordered" lines (concurrent output), or "none". */
  compare?: "exact" | "unordered" | "none";
  /** Lines fed to input(). */
  stdin?: string[];
  /** The example's `.out.re`, set by the content compiler: predicted lines its patterns accept count as right. */
  patterns?: string;
  /** The explanation, revealed once the program has run. */
  children?: ReactNode;
}

/** The learner reads a program, writes down what they think it prints, then runs it and compares. */
export function PredictOutput({ code, filename = "main.py", title, compare = "exact", stdin, patterns, children }: PredictOutputProps) {
  const id = useId();
  const [prediction, setPrediction] = useState("");
  const [running, setRunning] = useState(false);
  const [actual, setActual] = useState<string | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  /** The output shown is the run recorded in Chromium (this browser cannot run the program): where it was made. */
  const [recordedWith, setRecordedWith] = useState<string | null>(null);
  const handle = useRef<RunHandle | null>(null);

  useEffect(() => {
    getPythonRuntime().preload();
    return () => handle.current?.stop();
  }, []);

  const run = () => {
    if (handle.current) return;
    let out = "";
    setRunning(true);
    setActual(null);
    handle.current = getPythonRuntime().run({ code, filename, stdin }, (event) => {
      if (event.kind === "stdout" || event.kind === "stderr") out += event.text;
      if (event.kind !== "done") return;
      if (event.result.status === "unsupported") {
        // This browser lacks what the program needs (threads, processes): compare with its recorded run instead.
        const unsupported = event.result;
        void fetchRecording({ filename, code, stdin: stdin ?? [] }).then((recording) => {
          handle.current = null;
          setRunning(false);
          if (recording) {
            setActual(recording.events.map((e) => (e.kind === "stdout" || e.kind === "stderr" ? e.text : "")).join(""));
            setResult(recording.result);
            setRecordedWith(recording.recordedWith);
          } else {
            setActual(out);
            setResult(unsupported);
          }
        });
        return;
      }
      handle.current = null;
      setRunning(false);
      setActual(out);
      setResult(event.result);
      setRecordedWith(null);
    });
  };

  const comparison: Comparison | null = actual !== null && compare !== "none" ? comparePrediction(prediction, actual, compare, patterns) : null;
  const locked = actual !== null || running;

  return (
    <section className="predict" aria-labelledby={`${id}-title`}>
      <PredictKicker id={id} kind="Predict the output" title={title} />
      <PredictCode code={code} filename={filename} />
      <CheckForm className="predict-form" onCheck={run}>
        <label htmlFor={`${id}-guess`} className="predict-label">
          What will it print? Write your prediction, then run it.
        </label>
        <textarea
          id={`${id}-guess`}
          className="predict-guess"
          value={prediction}
          onChange={(e) => setPrediction(e.target.value)}
          readOnly={locked}
          rows={Math.max(3, Math.min(10, code.split("\n").length / 2))}
          spellCheck={false}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
              e.preventDefault();
              if (prediction.trim() && !locked) run();
            }
          }}
        />
        <div className="predict-actions">
          {actual === null ? (
            <button type="submit" className="button button-primary button-small" aria-disabled={!prediction.trim() || running} disabled={!prediction.trim()}>
              <span aria-hidden="true">▶ </span>
              {running ? "Running…" : "Run and compare"}
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setActual(null);
                setResult(null);
              }}
            >
              Predict again
            </button>
          )}
          <span role="status" aria-live="polite" className="predict-verdict" data-match={comparison ? String(comparison.match) : undefined}>
            {running ? "Running…" : comparison ? comparison.summary : actual !== null ? "Compare your prediction with the output." : ""}
          </span>
        </div>
      </CheckForm>
      {actual !== null ? (
        <div className="predict-result">
          <div>
            <p className="exercise-hint-label">Your prediction</p>
            <pre className="predict-lines code-panel">
              {prediction.split("\n").map((line, i) => (
                <span
                  key={i}
                  className="predict-line"
                  data-wrong={comparison?.wrongPredicted.includes(i) || undefined}
                  data-tolerated={comparison?.tolerated.includes(i) || undefined}
                  title={comparison?.tolerated.includes(i) ? "Accepted: this part of the output varies from run to run" : undefined}
                >
                  {line || " "}
                  {comparison?.tolerated.includes(i) ? <span className="visually-hidden"> (accepted: varies from run to run)</span> : null}
                </span>
              ))}
            </pre>
          </div>
          <div>
            <p className="exercise-hint-label">
              {recordedWith
                ? `The output, recorded in Chromium (${recordedWith}): this browser cannot run this program yet`
                : result && result.status !== "ok"
                  ? describeResult(result)
                  : "The output"}
            </p>
            <pre className="predict-lines code-panel" aria-label="Program output">
              {actual.replace(/\n$/, "").split("\n").map((line, i) => (
                <span key={i} className="predict-line" data-missed={comparison?.missedActual.includes(i) || undefined}>
                  {line || " "}
                </span>
              ))}
            </pre>
          </div>
          {children ? <div className="predict-explanation">{children}</div> : null}
        </div>
      ) : null}
    </section>
  );
}
