/**
 * Recorded runs: what a course example printed and drew when `npm run content:check` ran it in headless Chromium,
 * shown instead of a live run in a browser that cannot run the example (no WebAssembly stack switching or no
 * SharedArrayBuffer: the run ended "unsupported"). A recording is found by the key of exactly what the runner would
 * send (file name, code, preset input), so an edited program never gets another program's recording.
 * Written by lib/content/check.ts into each lesson's recorded-runs.json, served by app/api/recorded-runs/[key].
 * Browser-safe: no Node imports.
 */
import { z } from "zod";
import { AsyncioTraceSchema } from "./traces/asyncio";
import { ProcessTraceSchema, ThreadsTraceSchema } from "./traces/threads";
import { RunResultSchema } from "./protocol";

/** Bump when the file's shape changes (a different shape fails recorded-runs.test.ts until re-recorded). */
export const RECORDING_FORMAT = 1;

export const RecordedEventSchema = z.discriminatedUnion("kind", [
  // "input": a line typed at an input() prompt (the example's checkInput), shown as the learner's typing is.
  z.object({ kind: z.enum(["stdout", "stderr", "notice", "input"]), text: z.string().max(1_000_000), source: z.string().max(200).optional() }),
  z.object({ kind: z.literal("trace"), name: z.string().max(50), data: z.unknown(), pid: z.number().int().optional(), process: z.string().max(200).optional() }),
]);
export type RecordedEvent = z.infer<typeof RecordedEventSchema>;

export const RecordedRunSchema = z.object({
  key: z.string().regex(/^[0-9a-f]{32}$/),
  filename: z.string().max(100),
  /** Where and when it was recorded, e.g. "Chromium 156 · CPython 3.14.2", an ISO date. */
  recordedWith: z.string().max(200),
  recordedAt: z.string().max(40),
  events: z.array(RecordedEventSchema).max(20_000),
  result: RunResultSchema,
});
export type RecordedRun = z.infer<typeof RecordedRunSchema>;

/** One lesson's recorded-runs.json: its examples' runs by key. */
export const RecordingFileSchema = z.object({
  format: z.literal(RECORDING_FORMAT),
  note: z.string(),
  runs: z.record(z.string(), RecordedRunSchema),
});
export type RecordingFile = z.infer<typeof RecordingFileSchema>;

/** What identifies a run's program: what the runner sends (RunRequest) that shapes the run. */
export interface RecordingSubject {
  filename: string;
  code: string;
  stdin?: readonly string[];
  /** The interpreter model; absent or "gil" (CPython 3.14 with its GIL) is the default. */
  model?: string | null;
}

/**
 * The key of a program: SHA-256 of its file name, code, preset input and (when not the default) the model it runs
 * under, 32 hex digits. The same program free-threaded is another run: a learner who switches the model must not be
 * shown the GIL's recording.
 */
export async function recordingKey({ filename, code, stdin = [], model }: RecordingSubject): Promise<string> {
  const subject = model && model !== "gil" ? [filename, code, stdin, model] : [filename, code, stdin];
  const bytes = new TextEncoder().encode(JSON.stringify(subject));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Traces that no longer parse under today's schemas (the trace format changed since the recording was made). */
export function unreadableTraces(run: Pick<RecordedRun, "events">): string[] {
  const bad: string[] = [];
  for (const event of run.events) {
    if (event.kind !== "trace") continue;
    const schema = event.name === "threads" ? ThreadsTraceSchema : event.name === "asyncio" ? AsyncioTraceSchema : event.name === "process" ? ProcessTraceSchema : null;
    if (schema && !schema.safeParse(event.data).success) bad.push(event.name);
  }
  return bad;
}

/** The URL a page fetches a recording from (404 when there is none for that program). */
export function recordingUrl(key: string): string {
  return `/api/recorded-runs/${key}`;
}

/** The recording of exactly this program, or null (none recorded, or the server cannot be reached). */
export async function fetchRecording(subject: RecordingSubject): Promise<RecordedRun | null> {
  try {
    const response = await fetch(recordingUrl(await recordingKey(subject)));
    if (!response.ok) return null;
    const parsed = RecordedRunSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
