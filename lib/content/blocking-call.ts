/**
 * "Find the blocking call" (<FindTheBlockingCall>): the request that runs an asyncio program under the measurement of
 * lib/content/python/blocking_calls.py (which line kept the event loop's thread busy, minus the loop's own waiting)
 * and the reading of its report. Shared by the page (the learner's "Measure it") and `npm run content:check` (which
 * holds the author's line to the measurement). Free of Node and DOM imports.
 */
import { z } from "zod";
import type { RunRequest, RunResult } from "@/lib/python/client/types";

export const BLOCKING_MARKER = "\x1einterleave-blocking ";
const DRIVER = "_interleave_blocking.py";
/** A line that holds the loop this long (seconds) at a stretch of the run counts as blocking. */
export const BLOCKING_THRESHOLD = 0.05;
export const BLOCKING_TIMEOUT_MS = 30_000;

export function blockingRequest(code: string, filename: string, driver: string): RunRequest {
  if (filename === DRIVER) throw new Error(`${DRIVER} is the measurement's own file name; rename the program`);
  return {
    code: `${driver}\nmain(${JSON.stringify(filename)}, threshold=${BLOCKING_THRESHOLD})\n`,
    filename: DRIVER,
    files: { [filename]: code },
    timeoutMs: BLOCKING_TIMEOUT_MS,
  };
}

const LineSchema = z.object({ line: z.number().int().positive(), seconds: z.number().nonnegative(), text: z.string().max(2000) });
const ReportSchema = z.object({
  blocking: LineSchema.nullable(),
  lines: z.array(LineSchema).max(50),
  threshold: z.number(),
  error: z.string().max(2000).nullable(),
});
export type BlockingReport = z.infer<typeof ReportSchema>;

/** The measurement's report and what the program printed before it, or an error in words. */
export function readBlocking(stdout: string, result: RunResult): { ok: true; report: BlockingReport; output: string } | { ok: false; error: string } {
  const at = stdout.lastIndexOf(BLOCKING_MARKER);
  if (at >= 0) {
    try {
      const parsed = ReportSchema.safeParse(JSON.parse(stdout.slice(at + BLOCKING_MARKER.length)));
      if (parsed.success) return { ok: true, report: parsed.data, output: stdout.slice(0, at).replace(/\n+$/, "") };
    } catch {
      // a garbled report is no report
    }
  }
  if (result.status === "interrupted") return { ok: false, error: "The measurement was stopped before it finished." };
  if (result.status === "killed") return { ok: false, error: result.reason ?? "The program took too long and was stopped." };
  const why = result.error ? `${result.error.type}: ${result.error.message}` : `it ended: ${result.status}`;
  return { ok: false, error: `The measurement did not finish (${why}).` };
}

/** content:check: the author's line must be the one the measurement finds. Returns the problem in words, or null. */
export function checkBlockingLine(line: number, report: BlockingReport): string | null {
  if (report.error) return `the program failed under the measurement: ${report.error}`;
  if (!report.blocking) return `no line held the event loop for ${report.threshold} s or more: nothing blocks it (line ${line} is marked as the blocking call)`;
  if (report.blocking.line !== line) {
    return `line ${line} is marked as the blocking call, but the measurement finds line ${report.blocking.line} (${JSON.stringify(report.blocking.text)}, ${report.blocking.seconds.toFixed(2)} s)`;
  }
  return null;
}
