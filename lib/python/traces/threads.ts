/**
 * The "threads" trace a run sends when it used threads (lib/python/py/interleave/threads/_timeline.py, export()):
 * per thread, its segments of running / waiting for the GIL / blocked / sleeping, with totals. Parsed with zod
 * on the page because it comes from the worker, which runs untrusted code.
 */
import { z } from "zod";
import { MODELS } from "../schedule";
import type { Trace } from "./index";

export const THREAD_STATES = ["running", "ready", "blocked", "sleeping"] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

const SegmentSchema = z.object({
  start: z.number(),
  end: z.number(),
  state: z.enum(THREAD_STATES),
  on: z.string().max(500).optional(),
});

/** Where a thread lost the GIL (py/interleave/threads/_points.py): the model's switch point kinds. */
export const SWITCH_KINDS = ["entry", "resume", "loop", "call", "bytecode", "blocked", "unknown"] as const;
export type SwitchKind = (typeof SWITCH_KINDS)[number];

export const SWITCH_KIND_TEXT: Record<SwitchKind, string> = {
  entry: "entering a function",
  resume: "a generator resuming after yield",
  loop: "a loop going round",
  call: "a built-in call returning",
  bytecode: "between two bytecodes (free-threaded)",
  blocked: "the thread blocked",
  unknown: "an eval-breaker check",
};

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
  /** "schedule": schedule or step mode (lib/python/py/interleave/threads/_schedule.py), with the schedule followed. */
  mode: z.enum(["realistic", "deterministic", "schedule"]),
  /** Where threads could switch: CPython 3.14 with the GIL, or free-threaded 3.14t (absent in older traces: gil). */
  model: z.enum(MODELS).default("gil"),
  seed: z.number().nullable(),
  schedule: z.string().max(100_000).optional(),
  switchIntervalMs: z.number(),
  switches: z.number(),
  preemptions: z.number(),
  durationMs: z.number(),
  threads: z.array(ThreadSchema).max(2000),
  truncated: z.boolean(),
  /** Each preemption (the first 2,000): when, whose, at which kind of switch point, on which line. */
  switchPoints: z
    .array(z.object({ at: z.number(), thread: z.number(), kind: z.enum(SWITCH_KINDS), line: z.number().int().nullable() }))
    .max(2000)
    .default([]),
  /** Preemptions per kind of switch point. */
  switchKinds: z.partialRecord(z.enum(SWITCH_KINDS), z.number().int().nonnegative()).default({}),
});

export type ThreadsTrace = z.infer<typeof ThreadsTraceSchema>;
export type ThreadLane = ThreadsTrace["threads"][number];

/** The last "threads" trace among a run's (already parsed) traces, or null. */
export function lastThreadsTrace(events: readonly Trace[]): ThreadsTrace | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.name === "threads") return event.data;
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

// ---- Processes (multiprocessing) ----

/**
 * The "process" trace each process sends as it ends (lib/python/py/interleave/processes/_trace.py): its threads'
 * lanes as in the threads trace, placed on the wall clock by `startEpochMs`, so processes can be lined up.
 */
export const ProcessTraceSchema = z.object({
  version: z.literal(1),
  pid: z.number().int(),
  ppid: z.number().int(),
  name: z.string().max(200),
  startEpochMs: z.number(),
  durationMs: z.number().nonnegative(),
  threads: z.array(ThreadSchema).max(2000),
  /**
   * The process was ended by this signal (terminate(), kill(), Stop): it sent no trace of its own, so the page made
   * this one from when it started and ended, with no threads (lib/python/client/processes.ts).
   */
  signal: z.number().int().min(1).max(64).optional(),
});
export type ProcessTrace = z.infer<typeof ProcessTraceSchema>;

export interface Span {
  start: number;
  end: number;
}

export interface ProcessLane {
  pid: number;
  ppid: number;
  name: string;
  /** ms from the start of the first process. */
  startMs: number;
  endMs: number;
  /** When at least one of its threads was running (the process was on a core). */
  running: Span[];
  /** Its threads, on the same time axis. */
  threads: ThreadLane[];
  /** Ended by this signal: what it did inside is not recorded (see ProcessTraceSchema). */
  signal?: number;
}

export interface ProcessesTimeline {
  durationMs: number;
  processes: ProcessLane[];
  /** Total time at least two processes were running at once (on different cores). */
  overlapMs: number;
}

function union(spans: Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Time covered by at least two of the given span lists at once. */
export function overlapMs(lists: Span[][]): number {
  const edges: [number, number][] = [];
  for (const list of lists) for (const s of union(list)) edges.push([s.start, 1], [s.end, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let depth = 0;
  let since = 0;
  let total = 0;
  for (const [t, d] of edges) {
    if (depth >= 2) total += t - since;
    depth += d;
    since = t;
  }
  return total;
}

/** The run's processes from its (already parsed) "process" traces, one per process that used multiprocessing, or null. */
export function processesTimeline(events: readonly Trace[]): ProcessesTimeline | null {
  const traces = new Map<number, ProcessTrace>();
  for (const event of events) {
    if (event.name === "process") traces.set(event.data.pid, event.data);
  }
  if (traces.size < 2) return null;
  const all = [...traces.values()].sort((a, b) => a.pid - b.pid);
  const origin = Math.min(...all.map((t) => t.startEpochMs));
  const processes = all.map((t): ProcessLane => {
    const shift = t.startEpochMs - origin;
    const threads = t.threads.map((lane) => ({
      ...lane,
      startMs: lane.startMs + shift,
      endMs: lane.endMs == null ? lane.endMs : lane.endMs + shift,
      segments: lane.segments.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift })),
    }));
    const running = union(threads.flatMap((lane) => lane.segments.filter((s) => s.state === "running").map((s) => ({ start: s.start, end: s.end }))));
    return { pid: t.pid, ppid: t.ppid, name: t.name, startMs: shift, endMs: shift + t.durationMs, running, threads, ...(t.signal ? { signal: t.signal } : {}) };
  });
  const durationMs = Math.max(...processes.map((p) => p.endMs));
  return { durationMs, processes, overlapMs: overlapMs(processes.map((p) => p.running)) };
}

/** One sentence per process for screen readers and the summary. */
const SIGNAL_NAMES: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 9: "SIGKILL", 10: "SIGUSR1", 12: "SIGUSR2", 14: "SIGALRM", 15: "SIGTERM" };

export function signalName(signal: number): string {
  return SIGNAL_NAMES[signal] ?? `signal ${signal}`;
}

export function describeProcess(p: ProcessLane): string {
  const life = Math.max(p.endMs - p.startMs, 1e-9);
  if (p.signal) {
    return `${p.name} (pid ${p.pid}${p.ppid ? `, parent ${p.ppid}` : ""}): ended by ${signalName(p.signal)} (exit code -${p.signal}) after ${Math.round(life)} ms; a process ended by a signal leaves no record of what it did.`;
  }
  const busy = p.running.reduce((sum, s) => sum + (s.end - s.start), 0);
  const threads = p.threads.length;
  return `${p.name} (pid ${p.pid}${p.ppid ? `, parent ${p.ppid}` : ""}): running ${Math.round((busy / life) * 100)}% of its ${Math.round(life)} ms, ${threads} thread${threads === 1 ? "" : "s"}.`;
}
