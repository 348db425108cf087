/**
 * The "threads" trace a run sends when it used threads (lib/python/py/interleave/threads/_timeline.py, export()):
 * per thread, its segments of running / waiting for the GIL / blocked / sleeping, with totals. Parsed with zod
 * on the page because it comes from the worker, which runs untrusted code.
 */
import { z } from "zod";

export const THREAD_STATES = ["running", "ready", "blocked", "sleeping"] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

const SegmentSchema = z.object({
  start: z.number(),
  end: z.number(),
  state: z.enum(THREAD_STATES),
  on: z.string().max(500).optional(),
});

const ThreadSchema = z.object({
  id: z.number(),
  name: z.string().max(200),
  main: z.boolean(),
  daemon: z.boolean(),
  startMs: z.number(),
  endMs: z.number().nullable().optional(),
  segments: z.array(SegmentSchema).max(50_000),
  totals: z.record(z.string(), z.number()),
  turns: z.number(),
  preemptions: z.number(),
});

export const ThreadsTraceSchema = z.object({
  version: z.literal(1),
  mode: z.enum(["realistic", "deterministic"]),
  seed: z.number().nullable(),
  switchIntervalMs: z.number(),
  switches: z.number(),
  preemptions: z.number(),
  durationMs: z.number(),
  threads: z.array(ThreadSchema).max(2000),
  truncated: z.boolean(),
});

export type ThreadsTrace = z.infer<typeof ThreadsTraceSchema>;
export type ThreadLane = ThreadsTrace["threads"][number];

/** The last well-formed "threads" trace among a run's trace events, or null. */
export function lastThreadsTrace(events: readonly { name: string; data: unknown }[]): ThreadsTrace | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.name !== "threads") continue;
    const parsed = ThreadsTraceSchema.safeParse(event.data);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** One sentence per thread for screen readers and the summary table: share of time running, waits, turns. */
export function describeLane(lane: ThreadLane, durationMs: number): string {
  const total = Math.max(durationMs, 1e-9);
  const pct = (state: ThreadState) => Math.round(((lane.totals[state] ?? 0) / total) * 100);
  const waits = lane.segments.filter((s) => s.state === "blocked").length;
  const parts = [
    `running ${pct("running")}% of the time`,
    `waiting for the GIL ${pct("ready")}%`,
    `blocked ${pct("blocked")}%${waits ? ` (${waits} wait${waits === 1 ? "" : "s"})` : ""}`,
    `sleeping ${pct("sleeping")}%`,
    `${lane.turns} turn${lane.turns === 1 ? "" : "s"} holding the GIL`,
    `preempted ${lane.preemptions} time${lane.preemptions === 1 ? "" : "s"}`,
  ];
  return `${lane.name}: ${parts.join(", ")}.`;
}

/** Round, readable tick steps (1, 2, 5 × 10ⁿ ms) giving about `target` ticks over `durationMs`. */
export function tickStep(durationMs: number, target = 6): number {
  const raw = Math.max(durationMs, 1e-6) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * power) return m * power;
  return 10 * power;
}
