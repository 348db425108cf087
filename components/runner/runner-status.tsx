"use client";

import { useEffect, useState, type ReactNode } from "react";
import { describePhase, describeResult, formatElapsed, isStarting, resultTone, type StatusTone } from "@/lib/python/client/run-status";
import type { SessionSnapshot } from "@/lib/python/client/session";
import type { RuntimePhase } from "@/lib/python/client/types";

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

export interface StatusLine {
  text: ReactNode;
  tone: StatusTone;
}

/** What the status line says about a run session and the interpreter. */
export function statusOf(snap: SessionSnapshot, phase: RuntimePhase): StatusLine {
  const loading = isStarting(phase);
  const pause = snap.step?.paused ? snap.step.pauses.at(-1) : undefined;
  if (snap.running && pause) {
    return { tone: "neutral", text: pause.decision ? "Paused: choose the thread that runs next" : "Paused: step on when you are ready" };
  }
  if (snap.running) {
    return { tone: "busy", text: loading ? `Starting Python: ${describePhase(phase)}` : snap.inputPending ? "Waiting for input…" : "Running…" };
  }
  if (snap.result) return { tone: resultTone(snap.result), text: describeResult(snap.result) };
  return { tone: phase.phase === "error" ? "problem" : loading ? "busy" : "neutral", text: describePhase(phase) };
}

/** The runner's status line: the spinner or progress bar while Python loads, the words, the run's clock. */
export function RunnerStatus({ snap, phase, line }: { snap: SessionSnapshot; phase: RuntimePhase; line?: StatusLine }) {
  const { text, tone } = line ?? statusOf(snap, phase);
  const loading = isStarting(phase);
  const progress = phase.phase === "loading" ? phase.progress : undefined;
  const paused = snap.step?.paused ?? false;
  return (
    <div className="runner-status" data-tone={tone}>
      {loading && (snap.running || !snap.result) ? (
        progress !== undefined ? (
          <progress className="runner-progress" max={1} value={progress} aria-label="Loading Python" />
        ) : (
          <span className="spinner" aria-hidden="true" />
        )
      ) : snap.running && tone === "busy" ? (
        <span className="spinner" aria-hidden="true" />
      ) : null}
      <span role="status" aria-live="polite" className="runner-status-text">
        {text}
      </span>
      {snap.running && !loading && !paused && snap.startedAt !== null ? <RunTimer key={snap.startedAt} /> : null}
    </div>
  );
}
