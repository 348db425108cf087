/**
 * The typed, versioned messages between the page and the Python worker. Both sides parse what they receive:
 * a message that does not fit is dropped (the page never trusts the worker, which runs untrusted code).
 * Shared memory layouts (interrupt, stdin, control) are defined here too, since page, worker and ticker share them.
 */
import { z } from "zod";
import { scheduleProblem } from "./schedule";

export const PROTOCOL_VERSION = 2;

const v = z.literal(PROTOCOL_VERSION);

export const RunResultSchema = z.object({
  status: z.enum(["ok", "exit", "exception", "interrupted", "killed", "deadlock"]),
  exitCode: z.number().int().min(0).max(255),
  durationMs: z.number().nonnegative(),
  error: z
    .object({
      type: z.string().max(200),
      message: z.string().max(4000),
      line: z.number().int().positive().optional(),
      filename: z.string().max(300).optional(),
    })
    .optional(),
  reason: z.string().max(500).optional(),
});

const sab = z.instanceof(SharedArrayBuffer);

export const InitMessageSchema = z.object({
  v,
  type: z.literal("init"),
  /** Int32Array[1]: the signal number Pyodide checks at every eval-breaker point (setInterruptBuffer). */
  interruptBuffer: sab.nullable(),
  /** See STDIN: the page answers input() here while the worker waits with Atomics.wait. */
  stdinBuffer: sab.nullable(),
  /** See CONTROL: preemption ticker state shared with the ticker worker. */
  controlBuffer: sab.nullable(),
  /** Start from the prebuilt memory snapshot if there is one (default true). */
  useSnapshot: z.boolean().optional(),
  /** Build-time mode: load without a snapshot, prepare, and post the interpreter's memory back. */
  makeSnapshot: z.boolean().optional(),
});

export const RunMessageSchema = z.object({
  v,
  type: z.literal("run"),
  id: z.number().int().nonnegative(),
  code: z.string().max(1_000_000),
  filename: z.string().regex(/^\w[\w.-]*\.py$/).max(100),
  // Relative paths whose segments start with a letter, digit or _: nothing like "..", "/x" or ".hidden".
  files: z.record(z.string().regex(/^\w[\w.-]*(\/\w[\w.-]*)*$/).max(200), z.string().max(1_000_000)),
  stdin: z.array(z.string().max(100_000)).max(10_000),
  seed: z.number().int().nullable(),
  /** Schedule mode (lib/python/schedule.ts): replay these thread choices; absent or null = not schedule mode. */
  schedule: z.string().max(100_000).refine((s) => scheduleProblem(s) === null, { message: "bad schedule" }).nullable().optional(),
});

export const ToWorkerSchema = z.discriminatedUnion("type", [InitMessageSchema, RunMessageSchema]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion("type", [
  z.object({ v, type: z.literal("phase"), step: z.string().max(200), progress: z.number().min(0).max(1).optional() }),
  z.object({
    v,
    type: z.literal("ready"),
    jspi: z.boolean(),
    python: z.string().max(50),
    loadMs: z.number().nonnegative(),
    /** Whether the interpreter came from the prebuilt memory snapshot (fast) or a full start. */
    snapshot: z.boolean(),
  }),
  z.object({ v, type: z.literal("output"), id: z.number().int(), stream: z.enum(["stdout", "stderr"]), text: z.string().max(4_000_000) }),
  /** `prompt` is the unfinished last line of stdout (what input() printed), for showing next to the text field. */
  z.object({ v, type: z.literal("input-request"), id: z.number().int(), prompt: z.string().max(10_000) }),
  z.object({ v, type: z.literal("notice"), id: z.number().int(), text: z.string().max(2000) }),
  z.object({ v, type: z.literal("trace"), id: z.number().int(), name: z.string().max(50), data: z.unknown() }),
  z.object({ v, type: z.literal("done"), id: z.number().int(), result: RunResultSchema }),
  z.object({ v, type: z.literal("fatal"), message: z.string().max(4000) }),
  z.object({ v, type: z.literal("snapshot"), bytes: z.instanceof(Uint8Array) }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

export { CONTROL, SIGINT, SIGUSR1, STDIN } from "./shared-memory";
