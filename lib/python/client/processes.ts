/**
 * The page as the operating system of multiprocessing: every Python process of a run is a worker of its own, and
 * this file keeps the run's process table (pids, parents, exit codes in a SharedArrayBuffer every process reads),
 * starts children on the pre-warmed workers of the page's ProcessHost (./process-host.ts), hands pipe requests
 * (reads, writes, waits) to the run's Pipes (./process-pipes.ts) and network requests to its NetRun (./net.ts),
 * forwards children's output to the run's console tagged with the process's name, and kills every process of a run on
 * Stop or at its end. Every request from a worker was parsed against ProcOpSchema (../protocol.ts) before it gets
 * here.
 */
import {
  CONTROL,
  DOORBELL,
  FromWorkerSchema,
  PROC_TABLE,
  PROTOCOL_VERSION,
  type FromWorker,
  type ProcOp,
  type ProcToWorker,
  type ToWorker,
} from "../protocol";
import type { InterpreterModel } from "../schedule";
import { parseTrace } from "../traces";
import { NetRun } from "./net";
import { cores, stopWorker, type Booted, type ProcessHost } from "./process-host";
import { Pipes, type PipeHolder, type Post } from "./process-pipes";
import type { RunEvent } from "./types";

const SIGKILL = 9;
const SIGSTOP = 19;
/** Signals whose default action is to do nothing (signal(7): SIGCHLD, SIGCONT on a running process, SIGURG, SIGWINCH). */
const IGNORED_BY_DEFAULT = new Set([17, 18, 23, 28]);
/** How often the doorbell rings again while a child has not taken its signals (see ringDoorbell). */
const RING_MS = 20;
const ringing = new WeakSet<Booted>();

/**
 * Store DOORBELL into the child's interrupt buffer (its interpreter looks there at its next eval-breaker check and
 * takes CONTROL.SIGNALS), and again every RING_MS until it has taken them or ended: a ring can fall where the child
 * leaves it for later (between runs, inside a thread switch). While every thread of the child waits, no Python runs to
 * look: its own poll takes them then (lib/python/worker/threads.ts).
 */
function ringDoorbell(b: Booted, proc: { booted: Booted | null }) {
  Atomics.store(b.interrupt, 0, DOORBELL);
  if (ringing.has(b)) return;
  ringing.add(b);
  const timer = setInterval(() => {
    if (proc.booted !== b || Atomics.load(b.control, CONTROL.SIGNALS) === 0) {
      clearInterval(timer);
      ringing.delete(b);
      return;
    }
    // Not over a pending preemption tick (SIGUSR1), which the child takes at its next look: the next ring then.
    Atomics.compareExchange(b.interrupt, 0, 0, DOORBELL);
  }, RING_MS);
}

interface Proc extends PipeHolder {
  ppid: number;
  name: string;
  exitcode: number | null;
  booted: Booted | null;
  runId: number;
  /** When its program was handed to its worker (wall clock, ms), for the trace of a process ended by a signal. */
  startEpochMs?: number;
  /** It sent its own "process" trace. */
  traced?: boolean;
}

export interface MainProgram {
  code: string;
  filename: string;
  files: Record<string, string>;
  /** The interpreter model of the run (the GIL unless given): its children run with the same one, as a process
   * that python3.14t spawns is python3.14t. */
  model?: InterpreterModel;
}

/** One run's processes, pipes and shared memory. */
export class ProcessRun {
  readonly basePid: number;
  private readonly table: Int32Array;
  private readonly procs = new Map<number, Proc>();
  private readonly shm = new Map<number, SharedArrayBuffer>();
  private readonly pipes: Pipes;
  private ended = false;
  /** The run's loopback network: ports, Unix paths, connections between processes, named shared memory. */
  readonly net = new NetRun((pid) => {
    const p = this.procs.get(pid);
    return p && p.state !== "exited" ? p.post : null;
  });
  /** True once a child exists: from then on output events carry the process's name. */
  multi = false;

  constructor(
    private readonly host: ProcessHost,
    private readonly main: MainProgram,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.pipes = new Pipes(this.procs, (text) => this.emit({ kind: "notice", text }));
    this.basePid = host.allocatePids();
    this.table = new Int32Array(new SharedArrayBuffer(PROC_TABLE.MAX_PIDS * 2 * 4));
    this.procs.set(this.basePid, { pid: this.basePid, ppid: 1, name: "MainProcess", state: "running", exitcode: null, booted: null, runId: 0, refs: new Map(), post: null });
    Atomics.store(this.table, 0, PROC_TABLE.RUNNING);
  }

  /** The message that tells the main worker who it is, sent right before its run. */
  mainAttach(): ProcToWorker {
    return this.attach(this.basePid, 1, null);
  }

  private attach(pid: number, ppid: number, child: { name: string; payload: Uint8Array<ArrayBuffer> } | null): ProcToWorker {
    return {
      v: PROTOCOL_VERSION,
      type: "proc-attach",
      pid,
      ppid,
      basePid: this.basePid,
      table: this.table.buffer as SharedArrayBuffer,
      cpus: Math.min(1024, cores()),
      shm: [...this.shm].map(([id, buffer]) => ({ id, buffer })),
      child,
    };
  }

  /** The main worker's post (set by the client for each run). */
  setMainPost(post: Post) {
    this.procs.get(this.basePid)!.post = post;
  }

  /** Output of the main process (the client forwards it here when processes exist). */
  source(pid = this.basePid): { source?: string; pid?: number } {
    if (!this.multi) return {};
    const p = this.procs.get(pid);
    return { source: p?.name ?? String(pid), pid };
  }

  liveChildren(): number {
    let n = 0;
    for (const p of this.procs.values()) if (p.pid !== this.basePid && p.state !== "exited") n += 1;
    return n;
  }

  // ---- requests ----

  handle(pid: number, op: ProcOp) {
    if (this.ended) return;
    const proc = this.procs.get(pid);
    if (!proc || proc.state === "exited") return;
    const pipes = this.pipes;
    switch (op.op) {
      case "spawn":
        return this.spawn(proc, op);
      case "signal":
        return this.signal(op.pid, op.sig);
      case "exit":
        if (pid !== this.basePid) this.exit(proc, op.code & 0xff, true);
        return;
      case "shm":
        if (!this.shm.has(op.id) && Math.floor(op.id / 65536) === pid - this.basePid) this.shm.set(op.id, op.buffer);
        return;
      case "write":
        return pipes.write(proc, op);
      case "unread":
        return pipes.unread(proc, op);
      case "abandon":
        return pipes.abandon(proc, op);
      case "ref":
        return pipes.ref(proc, op);
      case "read":
        return pipes.read(proc, op);
      case "select":
        return pipes.select(proc, op);
    }
  }

  // ---- processes ----

  private spawn(parent: Proc, op: Extract<ProcOp, { op: "spawn" }>) {
    const live = this.liveChildren();
    if (live >= this.host.maxProcesses) {
      this.pipes.reply(parent, op.req, {
        error: `Too many processes: at most ${this.host.maxProcesses} may run at once in one program here (each is a whole Python interpreter in your browser). Join some before starting more.`,
      });
      return;
    }
    const index = this.procs.size;
    if (index >= PROC_TABLE.MAX_PIDS) {
      this.pipes.reply(parent, op.req, { error: `Too many processes: a program may start at most ${PROC_TABLE.MAX_PIDS - 1} in all.` });
      return;
    }
    const pid = this.basePid + index;
    const proc: Proc = { pid, ppid: parent.pid, name: op.name, state: "starting", exitcode: null, booted: null, runId: 0, refs: new Map(), post: null };
    this.procs.set(pid, proc);
    this.multi = true;
    Atomics.store(this.table, index * 2, PROC_TABLE.RUNNING);
    // The child holds the pipe ends its parent passed to it from now on, as a forked process holds its fds.
    for (const h of op.handles) this.pipes.hold(proc, h.chan, h.end);
    this.pipes.reply(parent, op.req, { pid });
    this.host.take().then(
      (booted) => this.launch(proc, booted, op.payload),
      (err: unknown) => {
        this.emit({ kind: "notice", text: `Process ${op.name} could not start: ${err instanceof Error ? err.message : String(err)}` });
        this.exit(proc, 1);
      },
    );
  }

  private launch(proc: Proc, booted: Booted, payload: Uint8Array<ArrayBuffer>) {
    if (this.ended || proc.state === "exited") {
      this.host.recycle(booted);
      return;
    }
    proc.state = "running";
    proc.booted = booted;
    proc.startEpochMs = performance.timeOrigin + performance.now();
    booted.runs += 1;
    proc.runId = booted.runs;
    const worker = booted.worker;
    proc.post = (message, transfer) => worker.postMessage(message, transfer ?? []);
    worker.onmessage = (event: MessageEvent) => {
      if (proc.booted !== booted) return;
      const parsed = FromWorkerSchema.safeParse(event.data);
      if (parsed.success) this.fromChild(proc, parsed.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (proc.booted !== booted) return;
      this.emit({ kind: "notice", text: `${proc.name} crashed (${event.message || "its worker stopped"}).` });
      this.exit(proc, 1, true);
    };
    worker.postMessage(this.attach(proc.pid, proc.ppid, { name: proc.name, payload }), [payload.buffer]);
    const run: ToWorker = {
      v: PROTOCOL_VERSION,
      type: "run",
      id: proc.runId,
      code: this.main.code,
      filename: this.main.filename,
      files: this.main.files,
      stdin: [],
      seed: null,
      ...(this.main.model ? { model: this.main.model } : {}),
    };
    worker.postMessage(run);
  }

  /** A message from a child's worker (parsed against FromWorkerSchema). */
  private fromChild(proc: Proc, msg: FromWorker) {
    switch (msg.type) {
      case "proc":
        this.handle(proc.pid, msg.op);
        break;
      case "net":
        if (!this.ended && proc.state !== "exited") this.net.handle(proc.pid, msg.op);
        break;
      case "output":
        if (msg.id === proc.runId) this.emit({ kind: msg.stream, text: msg.text, ...this.source(proc.pid) });
        break;
      case "notice":
        if (msg.id === proc.runId) this.emit({ kind: "notice", text: `${proc.name}: ${msg.text}` });
        break;
      case "trace":
        if (msg.id === proc.runId) {
          const trace = parseTrace(msg.name, msg.data);
          if (trace?.name === "process") proc.traced = true;
          if (trace) this.emit({ kind: "trace", ...trace, pid: proc.pid, process: proc.name });
        }
        break;
      case "done":
        if (msg.id !== proc.runId) break;
        this.exit(proc, msg.result.exitCode);
        break;
      case "fatal":
        this.emit({ kind: "notice", text: `${proc.name}: ${msg.message}` });
        this.exit(proc, 1, true);
        break;
      default:
        break;
    }
  }

  /** A process ended: record its exit code, let go of its pipe ends, and wake whoever waits for it. */
  private exit(proc: Proc, code: number, kill = false) {
    if (proc.state === "exited") return;
    if (kill && code < 0 && proc.state === "running") this.traceKilled(proc, -code);
    const booted = proc.booted;
    const cleanly = proc.state === "running" && !kill;
    proc.state = "exited";
    proc.exitcode = code;
    proc.booted = null;
    proc.post = null;
    if (booted) {
      if (cleanly) this.host.recycle(booted);
      else stopWorker(booted);
    }
    this.net.processExited(proc.pid);
    const i = (proc.pid - this.basePid) * 2;
    Atomics.store(this.table, i + 1, code);
    Atomics.store(this.table, i, PROC_TABLE.EXITED);
    Atomics.notify(this.table, i);
    this.pipes.release(proc);
  }

  /**
   * A child ended by a signal sends no trace of its own (its worker is gone): its lane in the process timeline comes
   * from when it started and ended, marked as ended by the signal, with nothing inside.
   */
  private traceKilled(proc: Proc, signal: number) {
    if (proc.traced || proc.startEpochMs === undefined || this.ended) return;
    const now = performance.timeOrigin + performance.now();
    const trace = parseTrace("process", {
      version: 1,
      pid: proc.pid,
      ppid: proc.ppid,
      name: proc.name,
      startEpochMs: proc.startEpochMs,
      durationMs: Math.max(0, now - proc.startEpochMs),
      threads: [],
      signal,
    });
    if (trace) this.emit({ kind: "trace", ...trace, pid: proc.pid, process: proc.name });
  }

  /**
   * os.kill(pid, sig) for a child (terminate() is SIGTERM, kill() SIGKILL, interrupt() SIGINT), as the kernel acts
   * on the child's disposition for it: a Python handler runs in the child (the signal is left in its CONTROL.SIGNALS
   * and the doorbell rung until it took it), SIG_IGN does nothing, and the default action ends it with exit code
   * -sig, or does nothing for the few signals whose default is to be ignored. SIGKILL and SIGSTOP cannot be caught;
   * SIGSTOP (and SIGTSTP, SIGTTIN, SIGTTOU) end the process here, where nothing could continue it.
   */
  private signal(pid: number, sig: number) {
    const proc = this.procs.get(pid);
    if (!proc || pid === this.basePid || proc.state === "exited") return;
    const booted = proc.booted;
    if (booted && sig >= 1 && sig <= 31 && sig !== SIGKILL && sig !== SIGSTOP) {
      const bit = 1 << sig;
      if (Atomics.load(booted.control, CONTROL.IGNORED) & bit) return;
      if (Atomics.load(booted.control, CONTROL.HANDLED) & bit) {
        Atomics.or(booted.control, CONTROL.SIGNALS, bit);
        ringDoorbell(booted, proc);
        return;
      }
    }
    if (IGNORED_BY_DEFAULT.has(sig)) return;
    this.exit(proc, -sig, true);
  }

  /**
   * Stop: every child is killed; the main process's waits end so its KeyboardInterrupt can land, and so do the waits
   * it begins before it has it (`interrupted` says when it has).
   */
  stop(interrupted: () => boolean) {
    // First the main process's waits end as interrupted (its KeyboardInterrupt lands where it waits), then the
    // children go: ending them first would answer those waits as if the children had simply exited.
    this.pipes.interrupt(this.basePid, interrupted);
    for (const p of this.procs.values()) if (p.pid !== this.basePid && p.state !== "exited") this.exit(p, -2, true);
  }

  /** The run is over: whatever still runs is killed (CPython's main process joins its children before this). */
  end() {
    if (this.ended) return;
    for (const p of this.procs.values()) if (p.pid !== this.basePid && p.state !== "exited") this.exit(p, -15, true);
    this.exit(this.procs.get(this.basePid)!, 0);
    this.ended = true;
    this.pipes.clear();
    this.shm.clear();
    this.net.end();
    this.host.refill();
  }
}
