/**
 * The "step" trace of step mode (lib/python/py/interleave/threads/_step.py): sent at every pause, before the run
 * waits for the learner to pick the thread that runs next. Says which step this is, which threads could run
 * (and which one the schedule or the default policy proposes), each thread's line, state and local variables,
 * and the program's globals. Parsed with zod on the page: it comes from the worker, which runs untrusted code.
 */
import { z } from "zod";
import { MODELS } from "../schedule";
import { SWITCH_KINDS } from "./threads";

const label = z.number().int().nonnegative().max(100_000);
const text = (max: number) => z.string().max(max);
const Variables = z.array(z.tuple([text(200), text(200)])).max(64);

export const THREAD_STEP_STATES = ["running", "ready", "blocked", "sleeping", "done"] as const;

const StepThreadSchema = z.object({
  label,
  name: text(200),
  state: z.enum(THREAD_STEP_STATES),
  started: z.boolean(),
  waiting: text(200).optional(),
  file: text(300).optional(),
  line: z.number().int().positive().optional(),
  function: text(200).optional(),
  locals: Variables.optional(),
  /** The instruction the thread runs next, and its line's bytecode (dis), each marked switch point or not. */
  offset: z.number().int().nonnegative().optional(),
  bytecode: z
    .array(
      z.object({
        offset: z.number().int().nonnegative(),
        op: text(60),
        arg: text(60),
        /** Under the run's model, may another thread take the GIL right before this instruction / after it? */
        switch: z.boolean(),
        note: text(300),
      }),
    )
    .max(64)
    .optional(),
});

/** Where a run pauses: a line starting, a plain instruction, one of the model's switch points, a free choice. */
export const STEP_KINDS = ["line", "instruction", ...SWITCH_KINDS] as const;

export const StepStateSchema = z.object({
  step: z.number().int().nonnegative(),
  decisions: z.number().int().nonnegative(),
  /** Preemptions so far (decisions where the running thread was made to give the GIL away). */
  preemptions: z.number().int().nonnegative(),
  /** More than one thread could run here (a choice the schedule string records). */
  decision: z.boolean(),
  model: z.enum(MODELS),
  /** What the learner steps by at the moment. */
  unit: z.enum(["line", "instruction"]),
  kind: z.enum(STEP_KINDS),
  /** May another thread take over here under the model (if one could run)? */
  switchPoint: z.boolean(),
  /** Why (or why not), in words. */
  why: text(400),
  /** The schedule of the decisions made before this pause (trimmed): with `step`, it replays to this pause. */
  schedule: text(100_000),
  options: z.array(label).min(1).max(1000),
  proposal: label,
  /** The running thread at a line; null at a free choice (the running thread blocked or ended). */
  current: label.nullable(),
  threads: z.array(StepThreadSchema).max(1000),
  globals: Variables,
});

export type StepState = z.infer<typeof StepStateSchema>;
export type StepThread = z.infer<typeof StepThreadSchema>;

export function parseStepState(data: unknown): StepState | null {
  const parsed = StepStateSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
