"use client";

import { useId, useState, type ReactNode } from "react";
import { judgeOptions, outcomesRequest, readOutcomes, type OutcomesReport } from "@/lib/content/possible-outputs";
import type { InterpreterModel } from "@/lib/python/schedule";
import { useProgramRun } from "./use-program-run";
import { CheckForm, PredictCode, PredictKicker } from "./predict-parts";
import "./exercise.css";
import "./steps.css";

export interface PossibleOutputsClientProps {
  code: string;
  filename: string;
  title?: string;
  model: InterpreterModel;
  bound?: number;
  options: { output: string; explanation: ReactNode }[];
  explanation: ReactNode;
  driver: string;
}

const MODEL_NAMES: Record<InterpreterModel, string> = {
  gil: "CPython 3.14 with the GIL",
  "free-threaded": "free-threaded CPython 3.14t",
};

export function PossibleOutputsClient({ code, filename, title, model, bound, options, explanation, driver }: PossibleOutputsClientProps) {
  const id = useId();
  const [ticked, setTicked] = useState<boolean[]>(() => options.map(() => false));
  const [report, setReport] = useState<OutcomesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, running } = useProgramRun();

  const check = async () => {
    setError(null);
    setReport(null);
    const done = await run(outcomesRequest(code, filename, driver, { model, bound }));
    if (!done) return;
    const read = readOutcomes(done.stdout, done.result);
    if (read.ok) setReport(read.report);
    else setError(read.error);
  };

  const judged = report ? judgeOptions(options.map((o) => o.output), ticked, report) : null;
  const status = running
    ? "Searching the schedules…"
    : error
      ? error
      : judged
        ? judged.allRight
          ? `All right: ${ticked.filter(Boolean).length === 0 ? "none of them" : "exactly the ones you ticked"} can be printed.`
          : `${judged.verdicts.filter((v) => v.right).length} of ${options.length} right. Read why under each output.`
        : "";

  return (
    <section className="predict possible" aria-labelledby={`${id}-title`}>
      <PredictKicker id={id} kind="Which outputs are possible?" title={title} />
      <PredictCode code={code} filename={filename} />
      <CheckForm onCheck={check}>
        <fieldset className="possible-options">
          <legend>
            Tick every output this program can print on {MODEL_NAMES[model]}, under some schedule of its threads.
          </legend>
          {options.map((option, i) => {
            const verdict = judged?.verdicts[i];
            return (
              <div key={i} className="possible-option" data-result={verdict ? (verdict.right ? "right" : "wrong") : undefined}>
                <label className="possible-label">
                  <input
                    type="checkbox"
                    checked={ticked[i] ?? false}
                    disabled={running}
                    onChange={(e) => {
                      const next = [...ticked];
                      next[i] = e.target.checked;
                      setTicked(next);
                      setReport(null);
                    }}
                  />
                  <span className="visually-hidden">Output {i + 1}: </span>
                  {/* A label holds phrasing content only: the output is a span that keeps its lines. */}
                  <span className="possible-output">{option.output}</span>
                </label>
                {verdict && report ? (
                  <div className="possible-verdict">
                    <p>
                      <strong>{verdict.right ? "Right" : "Not quite"}:</strong>{" "}
                      {verdict.possible
                        ? `possible. The schedule ${verdict.schedule || "(no switch at all)"} prints it${verdict.preemptions ? ` (${verdict.preemptions} preemption${verdict.preemptions === 1 ? "" : "s"})` : ""}.`
                        : report.exhausted
                          ? `impossible. None of the ${report.trials} schedules with up to ${report.bound} preemptions prints it.`
                          : `not found in the ${report.trials} schedules tried (the search did not try them all).`}
                    </p>
                    {option.explanation}
                  </div>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <div className="predict-actions">
          <button type="submit" className="button button-primary button-small" disabled={running} aria-disabled={running}>
            {running ? "Searching…" : report ? "Check again" : "Check by searching the schedules"}
          </button>
          <span role="status" aria-live="polite" className="predict-verdict" data-match={judged ? String(judged.allRight) : undefined}>
            {status}
          </span>
        </div>
      </CheckForm>
      {judged && report ? (
        <div className="possible-summary">
          <p className="exercise-note">
            The search ran the program under {report.exhausted ? "every" : report.trials} schedule{report.trials === 1 ? "" : "s"} with up to {report.bound} preemption
            {report.bound === 1 ? "" : "s"} ({report.trials} in all, {report.seconds.toFixed(1)} s) and saw {report.outcomes.length} different output
            {report.outcomes.length === 1 ? "" : "s"}.
          </p>
          {judged.others.length ? (
            <details>
              <summary>Outputs it found that are not among the options ({judged.others.length})</summary>
              {judged.others.slice(0, 20).map((o, i) => (
                <div key={i}>
                  <pre className="possible-output">{o.output || "(nothing)"}</pre>
                  <p className="exercise-note">schedule {o.schedule || "(no switch)"}</p>
                </div>
              ))}
            </details>
          ) : null}
          {explanation ? <div className="predict-explanation">{explanation}</div> : null}
        </div>
      ) : null}
    </section>
  );
}
