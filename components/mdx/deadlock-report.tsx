"use client";

import { useEffect, useState } from "react";
import { fetchRecording } from "@/lib/python/recorded-run";
import { useProgramRun } from "./use-program-run";
import "./steps.css";

export interface DeadlockReportProps {
  /** The program that deadlocks (the exercise's starter). */
  code: string;
  filename: string;
}

/**
 * The deadlock report of a program, shown before the learner fixes it: the run recorded by content:check (which
 * requires that it deadlocks), and Run again to produce it live in the learner's worker.
 */
export function DeadlockReport({ code, filename }: DeadlockReportProps) {
  const [report, setReport] = useState<{ text: string; where: string } | null>(null);
  const [missing, setMissing] = useState(false);
  const { run, running } = useProgramRun();

  useEffect(() => {
    let live = true;
    void fetchRecording({ filename, code, stdin: [] }).then((recording) => {
      if (!live) return;
      if (!recording) return setMissing(true);
      const text = recording.events.map((e) => (e.kind === "stdout" || e.kind === "stderr" ? e.text : "")).join("");
      setReport({ text, where: `recorded in ${recording.recordedWith}` });
    });
    return () => {
      live = false;
    };
  }, [code, filename]);

  const runHere = async () => {
    const done = await run({ code, filename, timeoutMs: 20_000 });
    if (!done) return;
    const ended = done.result.status === "deadlock" ? "" : `\n(This run ended differently: ${done.result.status}.)`;
    setReport({ text: done.console + ended, where: "run just now in your browser" });
    setMissing(false);
  };

  return (
    <div className="deadlock-report">
      <p className="exercise-hint-label">
        What the program printed, ending in its deadlock report{report ? ` (${report.where})` : ""}
      </p>
      {report ? (
        <pre className="code-panel" tabIndex={0} aria-label="The program's output and deadlock report">
          {report.text.replace(/\n$/, "")}
        </pre>
      ) : (
        <p className="exercise-note">{missing ? "No recorded run of this program yet: run it to read its report." : "Loading the recorded run…"}</p>
      )}
      <button type="button" className="button button-small" onClick={() => void runHere()} disabled={running} aria-disabled={running}>
        {running ? "Running…" : report ? "Run it again here" : "Run it to get the report"}
      </button>
    </div>
  );
}
