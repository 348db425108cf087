"use client";

import { useId, useState, type ReactNode } from "react";
import { blockingRequest, readBlocking, type BlockingReport } from "@/lib/content/blocking-call";
import { useProgramRun } from "./use-program-run";
import { CheckForm, PredictKicker } from "./predict-parts";
import "./exercise.css";
import "./steps.css";
import { TableHead } from "@/components/ui/table-head";

export interface FindTheBlockingCallClientProps {
  code: string;
  filename: string;
  title?: string;
  line: number;
  children?: ReactNode;
  driver: string;
}

/**
 * The learner picks the line they think stops the event loop (a radio group over the program's lines: arrows move,
 * the line is read out with its number), then Check runs the program under the measurement in their own worker and
 * shows how long each line held the loop.
 */
export function FindTheBlockingCallClient({ code, filename, title, line, children, driver }: FindTheBlockingCallClientProps) {
  const id = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const [checked, setChecked] = useState<number | null>(null);
  const [measured, setMeasured] = useState<{ report: BlockingReport; output: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, running } = useProgramRun();
  const lines = code.replace(/\n+$/, "").split("\n");
  // The measured line decides when there is one; the lesson's line otherwise (the two agree: content:check).
  const answer = measured?.report.blocking?.line ?? line;
  const right = checked !== null && checked === answer;

  const check = async () => {
    if (picked === null) return;
    setChecked(picked);
    setError(null);
    if (measured) return;
    const done = await run(blockingRequest(code, filename, driver));
    if (!done) return;
    const read = readBlocking(done.stdout, done.result);
    if (read.ok) setMeasured({ report: read.report, output: read.output });
    else setError(read.error);
  };

  const status = running
    ? "Running the program and timing each line…"
    : checked === null
      ? ""
      : right
        ? `Right: line ${answer} blocks the event loop.`
        : `Not line ${checked}. ${measured || error ? `The loop is blocked on line ${answer}.` : ""}`;

  return (
    <section className="predict blocking" aria-labelledby={`${id}-title`}>
      <PredictKicker id={id} kind="Find the blocking call" title={title} />
      <CheckForm onCheck={check}>
        <fieldset className="blocking-lines code-panel">
          <legend>Which line keeps the event loop from running anything else? Pick it ({filename}).</legend>
          {lines.map((text, i) => {
            const n = i + 1;
            const blank = text.trim() === "";
            const result = checked !== null && (n === checked || n === answer) && (measured || error) ? (n === answer ? "right" : "wrong") : undefined;
            return (
              <label key={n} className="blocking-line" data-blank={blank || undefined} data-picked={picked === n || undefined} data-result={result}>
                {blank ? (
                  <span aria-hidden="true" />
                ) : (
                  <input
                    type="radio"
                    name={`${id}-line`}
                    value={n}
                    checked={picked === n}
                    disabled={running}
                    onChange={() => {
                      setPicked(n);
                      setChecked(null);
                    }}
                    aria-label={`Line ${n}: ${text.trim()}`}
                  />
                )}
                <span className="blocking-line-number" aria-hidden="true">
                  {n}
                </span>
                <code aria-hidden={!blank ? true : undefined}>{text || " "}</code>
              </label>
            );
          })}
        </fieldset>
        <div className="predict-actions">
          <button type="submit" className="button button-primary button-small" disabled={picked === null || running} aria-disabled={picked === null || running}>
            {running ? "Measuring…" : "Check by running it"}
          </button>
          <span role="status" aria-live="polite" className="predict-verdict" data-match={checked !== null && !running && (measured || error) ? String(right) : undefined}>
            {status}
          </span>
        </div>
      </CheckForm>
      {checked !== null && (measured || error) ? (
        <div className="blocking-evidence">
          {error ? <p className="exercise-note">{error} The lesson says line {line}.</p> : null}
          {measured ? (
            <>
              <p className="exercise-note">
                {measured.report.blocking
                  ? `Measured: the event loop's thread spent ${measured.report.blocking.seconds.toFixed(2)} s on line ${measured.report.blocking.line} without running anything else.`
                  : "Measured: no line held the event loop for long."}{" "}
                Time each line held the loop (its waiting in awaits left out):
              </p>
              <table className="blocking-table">
                <TableHead columns={["Line", "Code", "Held the loop"]} />
                <tbody>
                  {measured.report.lines.slice(0, 4).map((l) => (
                    <tr key={l.line}>
                      <td>{l.line}</td>
                      <td>
                        <code>{l.text}</code>
                      </td>
                      <td>{l.seconds < 0.001 ? "< 1 ms" : `${(l.seconds * 1000).toFixed(0)} ms`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {measured.output ? (
                <>
                  <p className="exercise-hint-label">What the program printed</p>
                  <pre className="predict-lines code-panel">{measured.output}</pre>
                </>
              ) : null}
            </>
          ) : null}
          {children ? <div className="predict-explanation">{children}</div> : null}
        </div>
      ) : null}
    </section>
  );
}
