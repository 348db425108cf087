/**
 * The page as the operating system of multiprocessing: every Python process of a run is a worker of its own, and
 * this file keeps the run's process table (pids, parents, exit codes in a SharedArrayBuffer every process reads),
 * starts children on pre-warmed workers, hands pipe requests (reads, writes, waits) to the run's Pipes
 * (./process-pipes.ts) and network requests to its NetRun (./net.ts), forwards children's output to the run's console
 * tagged with the process's name, and kills every process of a run on Stop or at its end. Every request from a worker
 * was parsed against ProcOpSchema (../protocol.ts) before it gets here.
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
import { whenReady } from "./boot";
import { NetRun } from "./net";
import { Pipes, type PipeHolder, type Post } from "./process-pipes";
import { spawnWorker, startTicker } from "./spawn";
import type { RunEvent } from "./types";

/** Live child processes per run (each is a whole interpreter: tens of MB). */
export const DEFAULT_MAX_PROCESSES = 16;
/** Finished workers kept (their interpreter reset) so the next Process.start() needs no new one. */
const MAX_SPARES = 2;

/** The machine's cores as the browser reports them (os.cpu_count() in the program), at least 1. */
const cores = () => Math.max(1, globalThis.navigator?.hardwareConcurrency || 1);

/** Whether a program looks like it will start processes (so a worker for its children is worth readying). */
export function startsProcesses(code: string): boolean {
  return /\bmultiprocessing\b|ProcessPoolExecutor/.test(code);
}

export interface ProcessHostOptions {
  useSnapshot: boolean;
  maxProcesses?: number;
}

interface Booted {
  worker: Worker;
  /** The process's own preemption ticker (its threads are time-sliced as in the main process). */
  ticker: Worker;
  /** Its interrupt buffer and control slots (CONTROL): how signals from other processes reach it. */
  interrupt: Int32Array;
  control: Int32Array;
  /** Run ids used in this worker so far (each child run needs a new one). */
  runs: number;
}

/** Page-wide: the pool of ready workers that children start on. */
export class ProcessHost {
  private spares: Booted[] = [];
  private booting = 0;
  /** Spares to have ready between runs: 0 until a program of this page looked like it would start processes. */
  private keep = 0;
  private waiting: ((b: Booted | Error) => void)[] = [];
  /** Spares asked for by refill() that wait for a boot slot. */
  private spareBoots = 0;
  /**
   * Interpreters booting at once, at most: one per core. A boot keeps a core busy for about a second; a program
   * starting 16 processes at once booted 16 together, and the page's own thread, one among 17, went without a turn
   * for seconds (the hostile e2e spec measured a 4 s stall). Queued boots take no longer in all: the cores were full.
   */
  private readonly bootSlots = cores();
  /** Workers started for processes (statistics). */
  started = 0;
  private nextPid = 1000;
  readonly maxProcesses: number;

  constructor(readonly options: ProcessHostOptions) {
    this.maxProcesses = options.maxProcesses ?? DEFAULT_MAX_PROCESSES;
  }

  /** Pids of a new run: its main process and up to MAX_PIDS - 1 children after it. */
  allocatePids(): number {
    const base = this.nextPid;
    this.nextPid += PROC_TABLE.MAX_PIDS;
    if (this.nextPid > 2 ** 30) this.nextPid = 1000;
    return base;
  }

  /**
   * Have ready workers waiting (call when a program looks like it will start processes): as many as a Pool of
   * the machine's size needs, up to MAX_SPARES. Workers are not replaced as they are taken: booting one costs a
   * core for seconds, which would slow the very processes that are computing; finished children come back instead.
   */
  warm() {
    this.keep = Math.min(MAX_SPARES, cores());
    this.refill();
  }

  /**
   * A run is over: boot spares again up to what warm() asked for. A pool's workers are terminated with it (a killed
   * interpreter is not reused), so without this the next run's `Pool(4)` would wait for cold starts — over a second
   * each on a busy machine, longer than a learner's `get(timeout=1)` (issue 24). Booting now costs no running
   * program anything: the page is idle until the next Run.
   */
  refill() {
    this.spareBoots = Math.max(0, this.keep - this.spares.length - this.booting);
    this.pump();
  }

  /** Boots what is waited for (takers first, then spares) while there are boot slots. */
  private pump() {
    while (this.booting < this.bootSlots && (this.booting < this.waiting.length || this.spareBoots > 0)) {
      if (this.booting >= this.waiting.length) this.spareBoots -= 1;
      this.boot();
    }
  }

  /** Ready workers (for tests and diagnostics). */
  get spareCount(): number {
    return this.spares.length;
  }

  /** Workers booting (for tests and diagnostics). */
  get bootingCount(): number {
    return this.booting;
  }

  private boot() {
    this.booting += 1;
    this.started += 1;
    const interrupt = new SharedArrayBuffer(4);
    const control = new SharedArrayBuffer(CONTROL.SLOTS * 4);
    // The process's own preemption ticker (its threads are time-sliced as in the main process).
    const ticker = startTicker(interrupt, control, "python-process-ticker");
    const worker = spawnWorker({ name: "python-process", interrupt, control, stdin: null, useSnapshot: this.options.useSnapshot });
    whenReady(worker).then(
      () => {
        this.booting -= 1;
        this.give({ worker, ticker, runs: 0, interrupt: new Int32Array(interrupt), control: new Int32Array(control) });
        this.pump();
      },
      (err: Error) => {
        this.booting -= 1;
        ticker.terminate(); // the worker was terminated by whenReady
        this.waiting.shift()?.(err);
        this.pump();
      },
    );
  }

  private give(b: Booted) {
    const next = this.waiting.shift();
    if (next) next(b);
    else if (this.spares.length < MAX_SPARES) this.spares.push(b);
    else stopWorker(b);
  }

  /** A ready worker: a spare at once, else a new one (a cold start, a second or more). */
  take(): Promise<Booted> {
    const spare = this.spares.shift();
    const p = spare
      ? Promise.resolve(spare)
      : new Promise<Booted>((resolve, reject) => {
          this.waiting.push((b) => (b instanceof Error ? reject(b) : resolve(b)));
          this.pump();
        });
    return p;
  }

  /** A child's program ended normally: its interpreter was reset by the runner, so it can run the next child. */
  recycle(b: Booted) {
    b.worker.onmessage = null;
    b.worker.onerror = null;
    // Signals for the child that ended are not the next one's (its program publishes its own dispositions).
    for (const slot of [CONTROL.SIGNALS, CONTROL.HANDLED, CONTROL.IGNORED]) Atomics.store(b.control, slot, 0);
    this.give(b);
  }

  dispose() {
    for (const b of this.spares) stopWorker(b);
    this.spares = [];
    this.spareBoots = 0;
  }
}

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

function stopWorker(b: Booted) {
  b.worker.terminate();
  b.ticker.terminate();
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
