/**
 * The typed, versioned messages between the page and the Python worker. Both sides parse what they receive:
 * a message that does not fit is dropped (the page never trusts the worker, which runs untrusted code).
 */
import { z } from "zod";

export const PROTOCOL_VERSION = 1;

const RunResultSchema = z.object({
  status: z.enum(["ok", "exit", "exception", "interrupted", "killed", "deadlock"]),
  exitCode: z.number().int(),
  durationMs: z.number().nonnegative(),
  error: z.object({ type: z.string().max(200), message: z.string().max(4000), line: z.number().int().optional(), filename: z.string().max(300).optional() }).optional(),
  reason: z.string().max(500).optional(),
});

export const ToWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal("init"),
    interruptBuffer: z.instanceof(SharedArrayBuffer).nullable(),
    stdinBuffer: z.instanceof(SharedArrayBuffer).nullable(),
  }),
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal("run"),
    id: z.number().int(),
    code: z.string().max(1_000_000),
    filename: z.string().regex(/^[\w.-]+\.py$/).max(100),
    files: z.record(z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/).max(200), z.string().max(1_000_000)),
    stdin: z.array(z.string()).max(10_000),
  }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion("type", [
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("phase"), step: z.string().max(200), progress: z.number().min(0).max(1).optional() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("ready"), jspi: z.boolean(), python: z.string().max(50), loadMs: z.number() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("output"), id: z.number().int(), stream: z.enum(["stdout", "stderr"]), text: z.string() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("input-request"), id: z.number().int(), prompt: z.string().max(10_000) }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("trace"), id: z.number().int(), name: z.string().max(50), data: z.unknown() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("done"), id: z.number().int(), result: RunResultSchema }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal("fatal"), message: z.string().max(4000) }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/** Layout of the stdin SharedArrayBuffer: [state, byteLength] as Int32, then UTF-8 bytes. */
export const STDIN = {
  /** Worker waits while state is WAITING. */
  WAITING: 0,
  /** A line is in the buffer. */
  LINE: 1,
  /** End of input (Ctrl+D, or the run is over). */
  EOF: 2,
  /** Stop was pressed while input() waited. */
  INTERRUPT: 3,
  HEADER_BYTES: 8,
  CAPACITY: 64 * 1024,
} as const;

export const SIGINT = 2;
