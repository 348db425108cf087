/**
 * The "asyncio" trace a run sends when it used an event loop (lib/python/py/interleave/asyncio/_record.py): the
 * tasks (who created them, how they ended) and one step per loop iteration that ran callbacks — the ready queue as
 * the iteration began, what each task did in it (ready again, waiting and on what — a timer, a future, a lock, a
 * socket's readiness... —, or done; the learner's line it stopped at) and the nearest pending timers. Parsed with
 * zod on the page because it comes from the worker, which runs untrusted code.
 */
import { z } from "zod";
import type { Trace } from "./index";

export const WAIT_KINDS = [
  "sleep",
  "future",
  "task",
  "gather",
  "taskgroup",
  "wait",
  "queue",
  "lock",
  "event",
  "condition",
  "semaphore",
  "barrier",
  "thread",
  "socket",
  "other",
] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export const TASK_STATES = ["running", "ready", "waiting", "done"] as const;
export type TaskState = (typeof TASK_STATES)[number];

const id = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max);

const WaitSchema = z.object({
  kind: z.enum(WAIT_KINDS),
  label: text(200),
  tasks: z.array(id).max(50).optional(),
});

const RanSchema = z.object({
  /** 0 for a plain callback (call_soon, a timer, a future's done callback that is not a task's). */
  task: id,
  label: text(200),
  line: z.number().int().positive().nullable(),
  state: z.enum(["ready", "waiting", "done"]),
  on: WaitSchema.nullable(),
});

const TimerSchema = z.object({
  /** When it is due, in ms since the recording began. */
  at: z.number(),
  label: text(200),
  task: id.nullable(),
});

const StepSchema = z.object({
  loop: z.number().int().positive(),
  /** When the iteration ended, in ms since the recording began. */
  t: z.number(),
  /** Task ids in the order the iteration ran them (0 = a plain callback). */
  ready: z.array(id).max(1000),
  readyTotal: z.number().int().nonnegative(),
  ran: z.array(RanSchema).max(1000),
  timers: z.array(TimerSchema).max(100),
  timersTotal: z.number().int().nonnegative(),
});

const TaskSchema = z.object({
  id: id.min(1),
  name: text(200),
  parent: id.nullable(),
  /** Index of the step during which it was created (steps.length if after the last one). */
  created: z.number().int().nonnegative(),
  createdMs: z.number(),
  coro: text(200).nullable(),
  done: z.number().int().nonnegative().nullable(),
  outcome: z.enum(["result", "cancelled", "exception"]).nullable(),
  error: text(400).optional(),
});

export const AsyncioTraceSchema = z
  .object({
    version: z.literal(1),
    file: text(500),
    loops: z.number().int().nonnegative(),
    durationMs: z.number(),
    truncated: z.boolean(),
    /** The learner's source lines the steps point at (line number → text), so the picture can show them. */
    source: z.record(z.string().regex(/^\d+$/), text(200)).optional(),
    limits: z.object({ steps: z.number(), tasks: z.number(), ranPerStep: z.number(), timersPerStep: z.number() }),
    tasks: z.array(TaskSchema).max(5000),
    steps: z.array(StepSchema).max(20_000),
  })
  .superRefine((trace, ctx) => {
    const known = new Set(trace.tasks.map((t) => t.id));
    trace.tasks.forEach((t, i) => {
      if (t.id !== i + 1) ctx.addIssue({ code: "custom", path: ["tasks", i, "id"], message: `task ids must be 1..n in order (got ${t.id} at ${i})` });
      if (t.parent !== null && !known.has(t.parent)) ctx.addIssue({ code: "custom", path: ["tasks", i, "parent"], message: `unknown parent task ${t.parent}` });
    });
    trace.steps.forEach((s, i) => {
      s.ran.forEach((r, j) => {
        if (r.task !== 0 && !known.has(r.task)) ctx.addIssue({ code: "custom", path: ["steps", i, "ran", j, "task"], message: `unknown task ${r.task}` });
      });
    });
  });

export type AsyncioTrace = z.infer<typeof AsyncioTraceSchema>;
export type AsyncioStep = AsyncioTrace["steps"][number];
export type AsyncioTask = AsyncioTrace["tasks"][number];
export type WaitInfo = z.infer<typeof WaitSchema>;

/** The last well-formed "asyncio" trace among a run's trace events, or null. */
export function lastAsyncioTrace(events: readonly Trace[]): AsyncioTrace | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.name === "asyncio") return event.data;
  }
  return null;
}

export interface TaskView {
  state: Exclude<TaskState, "done"> | "new" | "gone";
  line: number | null;
  on: WaitInfo | null;
}

/**
 * Each task's state at every step (before the first step, during it: "running" if the iteration ran it), from the
 * compact per-step record. A task is "new" up to the iteration that created it, "ready" while in the ready queue,
 * "waiting" after a step left it waiting (until a later step runs it), and "gone" after it finished.
 */
export function taskStates(trace: AsyncioTrace): TaskView[][] {
  const views: TaskView[][] = trace.steps.map(() => []);
  for (const task of trace.tasks) {
    let current: TaskView = { state: "new", line: null, on: null };
    for (let i = 0; i < trace.steps.length; i++) {
      const step = trace.steps[i]!;
      // Created during iteration `created` (by a task or callback it ran): in the ready queue from the next one.
      if (current.state === "new" && task.created < i) current = { state: "ready", line: null, on: null };
      const ran = step.ran.find((r) => r.task === task.id);
      if (ran) {
        views[i]![task.id - 1] = { state: "running", line: ran.line, on: null };
        current = ran.state === "done" ? { state: "gone", line: ran.line, on: null } : { state: ran.state, line: ran.line, on: ran.on };
      } else {
        const queued = step.ready.includes(task.id);
        views[i]![task.id - 1] = queued && current.state !== "gone" ? { ...current, state: "ready" } : current;
      }
    }
  }
  return views;
}

/** One sentence for screen readers about step `index`: what was ready, what ran, where each task stopped. */
export function describeStep(trace: AsyncioTrace, index: number): string {
  const step = trace.steps[index];
  if (!step) return "";
  const name = (tid: number) => (tid === 0 ? "a callback" : (trace.tasks[tid - 1]?.name ?? `task ${tid}`));
  const ran = step.ran.map((r) => {
    const where = r.line ? ` at line ${r.line}` : "";
    if (r.task === 0) return `callback ${r.label} ran`;
    if (r.state === "done") {
      const outcome = trace.tasks[r.task - 1]?.outcome;
      return `${name(r.task)} ran and finished${outcome && outcome !== "result" ? ` (${outcome})` : ""}`;
    }
    if (r.state === "ready") return `${name(r.task)} ran${where} and is ready again`;
    return `${name(r.task)} ran${where} and now waits on ${r.on?.label ?? "something"}`;
  });
  const timers = step.timersTotal ? ` ${step.timersTotal} timer${step.timersTotal === 1 ? "" : "s"} pending.` : "";
  return `Iteration ${index + 1} of ${trace.steps.length} at ${step.t.toFixed(1)} ms: ${ran.join("; ")}.${timers}`;
}

/** The task tree as lines "Task-2 (created by Task-1)" for the summary. */
export function taskTree(trace: AsyncioTrace): { task: AsyncioTask; depth: number }[] {
  const children = new Map<number | null, AsyncioTask[]>();
  for (const t of trace.tasks) {
    const key = t.parent;
    if (!children.has(key)) children.set(key, []);
    children.get(key)!.push(t);
  }
  const out: { task: AsyncioTask; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const t of children.get(parent) ?? []) {
      out.push({ task: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
