/** The words of the runner's status line. Pure, so the wording is tested without a browser. */
import type { RunResult, RuntimePhase } from "@/lib/python/client/types";

const MAX_MESSAGE = 200;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

/** The final status line of a run. */
export function describeResult(r: RunResult): string {
  switch (r.status) {
    case "ok":
      return `Finished in ${Math.round(r.durationMs)} ms`;
    case "exit":
      return `Exited with code ${r.exitCode}`;
    case "exception": {
      const type = r.error?.type ?? "Error";
      // str(SyntaxError) ends with "(file.py, line 3)": the line is said once below, and the file is not named
      // (the runner is the file; after the learner replaced an example's code its name misleads: issue 21, item 5).
      const text = r.error?.message.replace(/\s*\((?:[^()\n]*, )?line \d+\)\s*$/, "") ?? "";
      const message = text ? `: ${clip(text)}` : "";
      const line = r.error?.line ? ` (line ${r.error.line})` : "";
      return `Exception: ${type}${message}${line}`;
    }
    case "interrupted":
      return "Interrupted (KeyboardInterrupt)";
    case "killed":
      return `Stopped by force: ${clip(r.reason ?? "the interpreter was restarted")}`;
    case "deadlock":
      return "Deadlock: every thread is waiting and none can go on";
    case "unsupported":
      return `Not run: this browser cannot run ${r.needs ?? "this program"} yet`;
  }
}

/** Python is still starting (nothing loaded yet, or loading): the status shows progress, and editors wait it out. */
export function isStarting(phase: RuntimePhase): boolean {
  return phase.phase === "idle" || phase.phase === "loading";
}

/** What the runner says while no run is in progress and none has finished. */
export function describePhase(phase: RuntimePhase): string {
  switch (phase.phase) {
    case "idle":
      return "Preparing Python…";
    case "loading":
      return `${phase.step}…`;
    case "ready":
      return "Ready";
    case "error":
      // Boot's errors already say it (./boot.ts): once is enough.
      return `Python could not start: ${clip(phase.message.replace(/^Python could not start: /, ""))}`;
  }
}

/** The tone of the status line, for its colour (the words always say the same). */
export type StatusTone = "neutral" | "busy" | "ok" | "problem";

export function resultTone(r: RunResult): StatusTone {
  return r.status === "ok" ? "ok" : r.status === "interrupted" || r.status === "unsupported" ? "neutral" : "problem";
}

/** Elapsed time as the running timer shows it: tenths of a second, then minutes. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.floor(s - m * 60)).padStart(2, "0")} s`;
}
