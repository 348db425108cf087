/**
 * The typed, versioned messages between the page and the Python worker. Both sides parse what they receive:
 * a message that does not fit is dropped (the page never trusts the worker, which runs untrusted code).
 * Shared memory layouts (interrupt, stdin, control) are defined here too, since page, worker and ticker share them.
 */
// A namespace import: the bundler keeps only what is used (the worker's bundle: 0.48 → 0.13 MB; `{ z }` pulled in all
// of zod, its locales included).
import * as z from "zod";
import { MODELS, scheduleProblem } from "./schedule";

import { PROTOCOL_VERSION } from "./protocol-version";

export { PROTOCOL_VERSION };

const v = z.literal(PROTOCOL_VERSION);

export const RunResultSchema = z.object({
  status: z.enum(["ok", "exit", "exception", "interrupted", "killed", "deadlock", "unsupported"]),
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
  /** For "unsupported": what the program needed that this browser lacks (lib/python/py/interleave/unsupported.py). */
  needs: z.enum(["threads", "processes"]).optional(),
});

// Not z.instanceof(SharedArrayBuffer): that reads the global when this module loads, and browsers without shared
// memory (WebKitGTK; any page that is not cross-origin isolated) have no such global, so the import itself threw
// and took the lesson page down with it.
const sab = z.custom<SharedArrayBuffer>((value) => typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer, {
  message: "expected a SharedArrayBuffer",
});

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
  /** false: run as in a browser without WebAssembly stack switching even if this one has it (tests of that path). */
  stackSwitching: z.boolean().optional(),
});

/** What step mode steps by: a line of the learner's code, or one bytecode instruction. */
export const STEP_UNITS = ["line", "instruction"] as const;
export type StepUnit = (typeof STEP_UNITS)[number];

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
  /**
   * Step mode (lib/python/py/interleave/threads/_step.py): pause at every step from `from` on, by line or by
   * instruction, and wait for "step".
   */
  step: z.object({ from: z.number().int().min(0).max(10_000_000), unit: z.enum(STEP_UNITS).optional() }).nullable().optional(),
  /** Where threads may switch (py/interleave/threads/_points.py); absent = "gil". */
  model: z.enum(MODELS).optional(),
});

/**
 * The learner's answer at a step-mode pause: a thread's label (0 main, 1, 2… in creation order), or one of
 * STEP_CHOICE's negative codes.
 */
export const StepMessageSchema = z.object({
  v,
  type: z.literal("step"),
  id: z.number().int().nonnegative(),
  choice: z.number().int().min(-3).max(100_000),
  /** Step by line or by bytecode from this pause on (absent: as before). */
  unit: z.enum(STEP_UNITS).optional(),
});

export const STEP_CHOICE = { RUN_ON: -1, FOLLOW: -2, NEXT_DECISION: -3 } as const;

export const ToWorkerSchema = z.discriminatedUnion("type", [InitMessageSchema, RunMessageSchema, StepMessageSchema]);
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
    /**
     * Where the start-up's time went: named moments in ms since the epoch (performance.timeOrigin + now(), so the
     * page can place them on its own timeline), in order. For benchmarks and DevTools (the page marks them).
     */
    marks: z.array(z.object({ name: z.string().max(60), at: z.number() })).max(40).optional(),
  }),
  z.object({ v, type: z.literal("output"), id: z.number().int(), stream: z.enum(["stdout", "stderr"]), text: z.string().max(4_000_000) }),
  /** `prompt` is the unfinished last line of stdout (what input() printed), for showing next to the text field. */
  z.object({ v, type: z.literal("input-request"), id: z.number().int(), prompt: z.string().max(10_000) }),
  z.object({ v, type: z.literal("notice"), id: z.number().int(), text: z.string().max(2000) }),
  z.object({ v, type: z.literal("trace"), id: z.number().int(), name: z.string().max(50), data: z.unknown() }),
  z.object({ v, type: z.literal("done"), id: z.number().int(), result: RunResultSchema }),
  z.object({ v, type: z.literal("fatal"), message: z.string().max(4000) }),
  z.object({ v, type: z.literal("snapshot"), bytes: z.instanceof(Uint8Array) }),
  /** A request of the process runtime (multiprocessing) to the page, which is the "operating system"; see ProcOpSchema. */
  z.object({ v, type: z.literal("proc"), op: z.lazy(() => ProcOpSchema) }),
  /** The loopback network's part that processes share (ports, Unix paths, connections between processes, shared memory); see NetOpSchema. */
  z.object({ v, type: z.literal("net"), op: z.lazy(() => NetOpSchema) }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

// ---- Processes (multiprocessing): each process is a worker; the page keeps the process table and the pipes ----

const int = z.number().int();
/** A pipe channel: one direction of a Pipe, created by a process as (pid - the run's first pid) * 65536 + n. */
const chan = int.nonnegative().max(2 ** 31 - 1);
const pid = int.positive().max(2 ** 31 - 1);
/** A wait's time limit in ms; null waits for ever. */
const timeoutMs = z.number().nonnegative().max(1e9).nullable();
/** A reference to one end of a channel held by a process: the channel reads EOF when no process holds its write end. */
const ChanEndSchema = z.object({ chan, end: z.enum(["r", "w"]) });

export const ProcOpSchema = z.discriminatedUnion("op", [
  /** Start a child: `payload` is what CPython's spawn pipes to the child (pickled preparation data, then the process). */
  z.object({ op: z.literal("spawn"), req: int, name: z.string().max(200), payload: z.instanceof(Uint8Array), handles: z.array(ChanEndSchema).max(10_000) }),
  /** One message (send_bytes) into a channel. */
  z.object({ op: z.literal("write"), chan, data: z.instanceof(Uint8Array) }),
  /** Take the next message of a channel (or, with peek, only learn whether there is one / EOF). */
  z.object({ op: z.literal("read"), req: int, chan, timeoutMs, peek: z.boolean() }),
  /** multiprocessing.connection.wait: which of these channels are readable, or processes ended. */
  z.object({ op: z.literal("select"), req: int, chans: z.array(chan).max(10_000), pids: z.array(pid).max(10_000), timeoutMs }),
  /**
   * Messages a process had taken ahead (see `more`) and gives back, in order, before anyone reads on. With `req`:
   * the answer of that abandoned read coming back (see "abandon"), which lets the channel be read again.
   */
  z.object({ op: z.literal("unread"), chan, data: z.array(z.instanceof(Uint8Array)).max(100_000), req: int.optional() }),
  /**
   * A read whose wait ended in an exception (a signal's KeyboardInterrupt in the reading process): forgotten if it
   * still waits, else the channel is held (read by nobody) until the messages it was answered with come back.
   */
  z.object({ op: z.literal("abandon"), req: int, chan }),
  z.object({ op: z.literal("ref"), chan, end: z.enum(["r", "w"]), delta: z.union([z.literal(1), z.literal(-1)]) }),
  /** os._exit(code) in a child: the page ends the process at once (its worker is stopped). */
  z.object({ op: z.literal("exit"), code: int.min(-255).max(255) }),
  /** terminate() (15) / kill() (9). */
  z.object({ op: z.literal("signal"), pid, sig: int.min(1).max(64) }),
  /** Shared memory (Value, Array, locks) made by a process: handed to the processes it starts later. */
  z.object({ op: z.literal("shm"), id: int.nonnegative(), buffer: sab }),
]);
export type ProcOp = z.infer<typeof ProcOpSchema>;

export const ProcAttachSchema = z.object({
  v,
  type: z.literal("proc-attach"),
  pid,
  ppid: int.nonnegative(),
  /** Pid of the run's main process; the status table has two Int32 slots per pid from here (see PROC_TABLE). */
  basePid: pid,
  table: sab,
  cpus: int.positive().max(1024),
  shm: z.array(z.object({ id: int.nonnegative(), buffer: sab })).max(100_000),
  /** Set for a child process: what its parent's spawn sent (see the "spawn" op). */
  child: z.object({ name: z.string().max(200), payload: z.instanceof(Uint8Array) }).nullable(),
});

export const ProcReplySchema = z.object({
  v,
  type: z.literal("proc-reply"),
  req: int,
  /** spawn: the child's pid, or why it could not start. */
  pid: pid.optional(),
  error: z.string().max(2000).optional(),
  /** read: the message (null with eof or timeout); peek: whether a message or EOF is there. */
  data: z.instanceof(Uint8Array).nullable().optional(),
  /** read, when the reader is the only process holding the channel's read end: the messages queued after `data`. */
  more: z.array(z.instanceof(Uint8Array)).optional(),
  eof: z.boolean().optional(),
  ready: z.boolean().optional(),
  /** select: the channels and pids that are ready. */
  chans: z.array(chan).optional(),
  pids: z.array(pid).optional(),
  timeout: z.boolean().optional(),
  /** Stop was pressed: the wait ends without a result. */
  interrupted: z.boolean().optional(),
});

export const ProcToWorkerSchema = z.discriminatedUnion("type", [ProcAttachSchema, ProcReplySchema]);
export type ProcToWorker = z.infer<typeof ProcToWorkerSchema>;

// ---- The loopback network between processes (lib/python/py/interleave/net/_remote.py, client/net.ts) ----
// Sockets live in their process's kernel (interleave.net); the page keeps what the run's processes share: bound ports
// and Unix paths (to find a listener in another process), connections whose ends are in two processes (it carries
// their bytes, as it carries pipes), and named shared memory (multiprocessing.shared_memory).

/** An endpoint (a kernel socket) of one process, by the number that process gave it. */
const sock = int.nonnegative().max(2 ** 31 - 1);
/** A connection between two processes, numbered by the page. */
const conn = int.positive().max(2 ** 31 - 1);
const port = int.min(0).max(65535);
const ipHost = z.string().max(64);
const family = z.union([z.literal(2), z.literal(10)]);
/** An AF_UNIX name: "p:" + absolute path, or "a:" + hex of an abstract name. */
const unixKey = z.string().max(300);
const shmName = z.string().min(1).max(255);
const BindingSchema = { kind: z.enum(["tcp", "udp"]), family, host: ipHost, port, sock, v6only: z.boolean(), reuseaddr: z.boolean(), reuseport: z.boolean() };

export const NetOpSchema = z.discriminatedUnion("op", [
  /** Reserve a port for the run (a bind once other processes exist): answered {} or {error: "EADDRINUSE"}. */
  z.object({ op: z.literal("claim"), req: int, ...BindingSchema }),
  /** A port bound while this was the run's only process (no answer needed: no other process could have it). */
  z.object({ op: z.literal("bound"), ...BindingSchema }),
  z.object({ op: z.literal("unbound"), kind: z.enum(["tcp", "udp"]), port, sock }),
  z.object({ op: z.literal("listening"), port, sock }),
  /** connect() to a listener of another process: answered {conn} or {error}. */
  z.object({ op: z.literal("connect"), req: int, family, host: ipHost, port, sock, srcHost: ipHost, srcPort: port }),
  z.object({ op: z.literal("path-claim"), req: int, sotype: int.min(1).max(5), key: unixKey, sock }),
  z.object({ op: z.literal("path-bound"), sotype: int.min(1).max(5), key: unixKey, sock }),
  z.object({ op: z.literal("path-unbound"), sotype: int.min(1).max(5), key: unixKey, sock }),
  z.object({ op: z.literal("connect-unix"), req: int, key: unixKey, sock, from: z.string().max(300) }),
  /** Bytes on a connection, for the other end. */
  z.object({ op: z.literal("data"), conn, data: z.instanceof(Uint8Array) }),
  /** The receiver read n bytes: the sender may send that many more (flow control). */
  z.object({ op: z.literal("credit"), conn, n: int.positive().max(2 ** 31 - 1) }),
  /** FIN (shutdown(SHUT_WR)), a Unix socket's shutdown mode, and the end's close (abort: RST). */
  z.object({ op: z.literal("fin"), conn }),
  z.object({ op: z.literal("shut"), conn, mode: int.min(1).max(3) }),
  z.object({ op: z.literal("close"), conn, abort: z.boolean() }),
  /** A UDP datagram for whichever process has the destination port bound (dropped when none has). */
  z.object({ op: z.literal("datagram"), family, host: ipHost, port, srcHost: ipHost, srcPort: port, data: z.instanceof(Uint8Array) }),
  /** multiprocessing.shared_memory: create (or attach to) a named block; answered {buffer, size} or {error}. */
  z.object({ op: z.literal("shm-open"), req: int, name: shmName, create: z.boolean(), size: int.nonnegative().max(256 * 1024 * 1024) }),
  z.object({ op: z.literal("shm-unlink"), req: int, name: shmName }),
  /** The resource tracker's REGISTER / UNREGISTER; "shm-leaks" asks what is still registered (answered {names}). */
  z.object({ op: z.literal("shm-track"), name: shmName, register: z.boolean() }),
  z.object({ op: z.literal("shm-leaks"), req: int }),
]);
export type NetOp = z.infer<typeof NetOpSchema>;

export const NetReplySchema = z.object({
  v,
  type: z.literal("net-reply"),
  req: int,
  error: z.string().max(40).optional(),
  conn: conn.optional(),
  buffer: sab.optional(),
  size: int.nonnegative().optional(),
  names: z.array(z.string().max(255)).max(10_000).optional(),
});

/** What the page tells a process about its connections with other processes. */
export const NetPushSchema = z.object({
  v,
  type: z.literal("net-push"),
  event: z.enum(["incoming", "data", "credit", "fin", "shut", "closed", "datagram"]),
  conn: conn.optional(),
  /** incoming: the listening endpoint; datagram: the bound endpoint. */
  sock: sock.optional(),
  data: z.instanceof(Uint8Array).optional(),
  n: int.nonnegative().optional(),
  mode: int.min(1).max(3).optional(),
  abort: z.boolean().optional(),
  family: family.optional(),
  /** incoming/datagram: where it comes from (a Unix client's name in `from`), and the address it was sent to. */
  host: ipHost.optional(),
  port: port.optional(),
  dest: ipHost.optional(),
  from: z.string().max(300).optional(),
});

export const NetToWorkerSchema = z.discriminatedUnion("type", [NetReplySchema, NetPushSchema]);
export type NetToWorker = z.infer<typeof NetToWorkerSchema>;

export { CONTROL, DOORBELL, PROC_TABLE, SIGINT, SIGUSR1, STDIN } from "./shared-memory";
