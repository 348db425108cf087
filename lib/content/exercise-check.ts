/**
 * How an exercise is checked, shared by the page (the learner's Check button) and `npm run content:check`: the same
 * request to the same in-browser runtime, the same reading of its verdict. Free of Node and DOM imports.
 */
import type { RunRequest, RunResult } from "@/lib/python/client/types";

/** Written by lib/content/python/run_check.py before its JSON verdict, on the last line of stdout. */
export const VERDICT_MARKER = "\x1einterleave-verdict ";

/** The Python that runs a check: run_check.py (the main program) and checking.py (helpers checks may import). */
export interface CheckSupport {
  runner: string;
  helpers: string;
}

export interface CheckVerdict {
  verdict: "pass" | "fail" | "error";
  /** For the learner: the check's assertion message, or their code's exception with their lines. */
  message: string;
  /** Line of learner.py where their code failed, for the editor's marker. */
  line: number | null;
}

/** Time limit of one check run: an endless loop in the learner's code ends as a failed check, not a hung page. */
export const CHECK_TIMEOUT_MS = 20_000;

/** The learner's code is learner.py beside the check; the main program is run_check.py. */
export function checkRequest(learnerCode: string, check: string, support: CheckSupport, seed: number | null = null): RunRequest {
  return {
    code: support.runner,
    filename: "run_check.py",
    files: { "learner.py": learnerCode, "check.py": check, "checking.py": support.helpers },
    seed,
    timeoutMs: CHECK_TIMEOUT_MS,
  };
}

/** Splits a check run's stdout into what the program printed and the verdict. */
export function readVerdict(stdout: string, result: RunResult): { output: string; verdict: CheckVerdict } {
  const at = stdout.lastIndexOf(VERDICT_MARKER);
  if (at >= 0) {
    const output = stdout.slice(0, at).replace(/\n$/, "");
    try {
      const parsed = JSON.parse(stdout.slice(at + VERDICT_MARKER.length)) as Partial<CheckVerdict>;
      if (parsed.verdict === "pass" || parsed.verdict === "fail" || parsed.verdict === "error") {
        return { output, verdict: { verdict: parsed.verdict, message: parsed.message ?? "", line: typeof parsed.line === "number" ? parsed.line : null } };
      }
    } catch {
      // fall through: a garbled verdict is no verdict
    }
  }
  let message: string;
  if (result.status === "interrupted") message = "The check was stopped before it finished.";
  else if (result.status === "killed") message = result.reason ?? "The check took too long and was stopped. Is there an endless loop?";
  else if (result.status === "deadlock") message = "Every thread was waiting for another one: the program deadlocked.";
  else if (result.status === "unsupported") message = `${result.reason ?? "This browser cannot run this code yet."} The check says nothing about your code here: check it in Chrome or Edge 137+, Firefox 153+ or Safari 27+.`;
  else message = result.error ? `The check ended early: ${result.error.type}: ${result.error.message}` : "The check ended without a verdict.";
  return { output: stdout, verdict: { verdict: "error", message, line: null } };
}
