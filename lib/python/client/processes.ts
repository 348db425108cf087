/**
 * The page as the operating system of multiprocessing: every Python process of a run is a worker of its own, and
 * this file keeps the run's process table (pids, parents, exit codes in a SharedArrayBuffer every process reads),
 * starts children on pre-warmed workers, holds the pipes (each channel a queue of pickled messages; a channel
 * whose write end no process holds any more reads EOF), answers blocking reads and waits, forwards children's
 * output to the run's console tagged with the process's name, and kills every process of a run on Stop or at its
 * end. Every request from a worker was parsed against ProcOpSchema (../protocol.ts) before it gets here.
 */
import {
  CONTROL,
  FromWorkerSchema,
  PROC_TABLE,
  PROTOCOL_VERSION,
  type NetToWorker,
  type ProcOp,
  type ProcToWorker,
  type ToWorker,
} from "../protocol";
import { parseTrace } from "../traces";
import { whenReady } from "./boot";
import { NetRun } from "./net";
import { spawnWorker, startTicker } from "./spawn";
import type { RunEvent } from "./types";

/** Live child processes per run (each is a whole interpreter: tens of MB). */
export const DEFAULT_MAX_PROCESSES = 16;
/** Finished workers kept (their interpreter reset) so the next Process.start() needs no new one. */
const MAX_SPARES = 2;

/** Whether a program looks like it will start processes (so a worker for its children is worth readying). */
export function startsProcesses(code: string): boolean {
  return /\bmultiprocessing\b|ProcessPoolExecutor/.test(code);
}
/** A sole reader gets up to this many queued messages (and bytes) in one reply, saving a round trip per message. */
const BATCH_MESSAGES = 1000;
const BATCH_BYTES = 1024 * 1024;
/** Bytes of messages held in one channel before a write is refused (a pipe's buffer, generously sized). */
const CHANNEL_LIMIT = 256 * 1024 * 1024;

type Reply = Omit<Extract<ProcToWorker, { type: "proc-reply" }>, "v" | "type" | "req">;
type Post = (message: ProcToWorker | ToWorker | NetToWorker, transfer?: Transferable[]) => void;

export interface ProcessHostOptions {
  useSnapshot: boolean;
  maxProcesses?: number;
}

interface Booted {
  worker: Worker;
  /** The process's own preemption ticker (its threads are time-sliced as in the main process). */
  ticker: Worker;
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
    this.keep = Math.min(MAX_SPARES, Math.max(1, globalThis.navigator?.hardwareConcurrency || 1));
    this.refill();
  }

  /**
   * A run is over: boot spares again up to what warm() asked for. A pool's workers are terminated with it (a killed
   * interpreter is not reused), so without this the next run's `Pool(4)` would wait for cold starts — over a second
   * each on a busy machine, longer than a learner's `get(timeout=1)` (issue 24). Booting now costs no running
   * program anything: the page is idle until the next Run.
   */
  refill() {
    while (this.spares.length + this.booting < this.keep) this.boot();
  }

  /** Ready workers (for tests and diagnostics). */
  get spareCount(): number {
    return this.spares.length;
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
        this.give({ worker, ticker, runs: 0 });
      },
      (err: Error) => {
        this.booting -= 1;
        ticker.terminate(); // the worker was terminated by whenReady
        this.waiting.shift()?.(err);
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
          if (this.booting < this.waiting.length) this.boot();
        });
    return p;
  }

  /** A child's program ended normally: its interpreter was reset by the runner, so it can run the next child. */
  recycle(b: Booted) {
    b.worker.onmessage = null;
    b.worker.onerror = null;
    this.give(b);
  }

  dispose() {
    for (const b of this.spares) stopWorker(b);
    this.spares = [];
  }
}

function stopWorker(b: Booted) {
  b.worker.terminate();
  b.ticker.terminate();
}

interface Proc {
  pid: number;
  ppid: number;
  name: string;
  state: "starting" | "running" | "exited";
  exitcode: number | null;
  booted: Booted | null;
  runId: number;
  /** Channel ends this process holds: "chan:end" -> count. */
  refs: Map<string, number>;
  /** Delivers a message to this process's worker. */
  post: Post | null;
}

interface Channel {
  queue: Uint8Array<ArrayBuffer>[];
  bytes: number;
  writers: number;
  readers: number;
}

interface Waiter {
  pid: number;
  /** Tries to answer; true when answered. */
  check(): boolean;
  /** Answers with "interrupted" (Stop) and forgets the waiter. */
  interrupt(): void;
  timer?: ReturnType<typeof setTimeout>;
  done: boolean;
}

export interface MainProgram {
  code: string;
  filename: string;
  files: Record<string, string>;
}

/** One run's processes, pipes and shared memory. */
export class ProcessRun {
  readonly basePid: number;
  private readonly table: Int32Array;
  private readonly procs = new Map<number, Proc>();
  private readonly channels = new Map<number, Channel>();
  private readonly shm = new Map<number, SharedArrayBuffer>();
  private waiters: Waiter[] = [];
  private ended = false;
  /** Set by stop() until the main process has its KeyboardInterrupt: says whether it has it yet. */
  private stopping: (() => boolean) | null = null;
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
      cpus: Math.max(1, Math.min(1024, globalThis.navigator?.hardwareConcurrency || 1)),
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
    switch (op.op) {
      case "spawn":
        this.spawn(proc, op);
        break;
      case "write": {
        const ch = this.channel(op.chan);
        if (ch.bytes + op.data.length > CHANNEL_LIMIT) {
          this.emit({ kind: "notice", text: `A pipe of process ${pid} holds more than ${CHANNEL_LIMIT >> 20} MB nobody reads: a message was dropped.` });
          break;
        }
        ch.queue.push(op.data);
        ch.bytes += op.data.length;
        this.pump();
        break;
      }
      case "unread": {
        const ch = this.channel(op.chan);
        ch.queue.unshift(...op.data);
        for (const d of op.data) ch.bytes += d.length;
        this.pump();
        break;
      }
      case "ref": {
        const key = `${op.chan}:${op.end}`;
        const held = proc.refs.get(key) ?? 0;
        if (op.delta < 0 && held <= 0) break;
        proc.refs.set(key, held + op.delta);
        const ch = this.channel(op.chan);
        if (op.end === "w") ch.writers += op.delta;
        else ch.readers += op.delta;
        if (op.delta < 0) this.pump();
        break;
      }
      case "read":
        this.wait(proc, op.req, op.timeoutMs, () => this.tryRead(proc, op.req, op.chan, op.peek), () => (op.peek ? { ready: false } : { timeout: true }));
        break;
      case "select":
        this.wait(proc, op.req, op.timeoutMs, () => this.trySelect(proc, op.req, op.chans, op.pids), () => ({ chans: [], pids: [], timeout: true }));
        break;
      case "signal":
        this.signal(op.pid, op.sig);
        break;
      case "exit":
        if (pid !== this.basePid) this.exit(proc, op.code & 0xff, true);
        break;
      case "shm":
        if (!this.shm.has(op.id) && Math.floor(op.id / 65536) === pid - this.basePid) this.shm.set(op.id, op.buffer);
        break;
    }
  }

  private reply(proc: Proc, req: number, reply: Reply) {
    const transfer: Transferable[] = reply.data ? [reply.data.buffer] : [];
    for (const m of reply.more ?? []) transfer.push(m.buffer);
    proc.post?.({ v: PROTOCOL_VERSION, type: "proc-reply", req, ...reply }, transfer);
  }

  private channel(id: number): Channel {
    let ch = this.channels.get(id);
    if (!ch) {
      ch = { queue: [], bytes: 0, writers: 0, readers: 0 };
      this.channels.set(id, ch);
    }
    return ch;
  }

  private readable(id: number) {
    const ch = this.channel(id);
    return ch.queue.length > 0 || ch.writers <= 0;
  }

  private tryRead(proc: Proc, req: number, id: number, peek: boolean): boolean {
    const ch = this.channel(id);
    if (ch.queue.length) {
      if (peek) {
        this.reply(proc, req, { ready: true });
      } else {
        const data = ch.queue.shift()!;
        ch.bytes -= data.length;
        // The only process that can read this channel may as well take what is queued behind (it gives back what
        // it did not use if it hands the connection on or closes it).
        const more: Uint8Array<ArrayBuffer>[] = [];
        if (ch.readers === 1 && (proc.refs.get(`${id}:r`) ?? 0) > 0) {
          let bytes = 0;
          while (ch.queue.length && more.length < BATCH_MESSAGES && bytes < BATCH_BYTES) {
            const m = ch.queue.shift()!;
            ch.bytes -= m.length;
            bytes += m.length;
            more.push(m);
          }
        }
        this.reply(proc, req, more.length ? { data, more } : { data });
      }
      return true;
    }
    if (ch.writers <= 0) {
      this.reply(proc, req, peek ? { ready: true } : { eof: true, data: null });
      return true;
    }
    return false;
  }

  private trySelect(proc: Proc, req: number, chans: number[], pids: number[]): boolean {
    const readyChans = chans.filter((c) => this.readable(c));
    const readyPids = pids.filter((p) => this.procs.get(p)?.state === "exited" || !this.procs.has(p));
    if (!readyChans.length && !readyPids.length) return false;
    this.reply(proc, req, { chans: readyChans, pids: readyPids });
    return true;
  }

  private wait(proc: Proc, req: number, timeoutMs: number | null, check: () => boolean, onTimeout: () => Reply) {
    if (check()) return;
    if (proc.pid === this.basePid && this.stopping) {
      // Stop came before this wait began (the main thread was between two calls): the SIGINT waits in the interrupt
      // buffer, which an idle worker never reads, so the wait ends as interrupted now, as it would have a moment
      // later. Once the KeyboardInterrupt has landed, waits (a join in a finally) are waits again.
      if (!this.stopping()) {
        this.reply(proc, req, { interrupted: true });
        return;
      }
      this.stopping = null;
    }
    const w: Waiter = {
      pid: proc.pid,
      done: false,
      check: () => (w.done = check()),
      interrupt: () => {
        w.done = true;
        clearTimeout(w.timer);
        this.reply(proc, req, { interrupted: true });
      },
    };
    if (timeoutMs !== null) {
      w.timer = setTimeout(() => {
        if (w.done) return;
        w.done = true;
        this.reply(proc, req, onTimeout());
        this.waiters = this.waiters.filter((x) => x !== w);
      }, timeoutMs);
    }
    this.waiters.push(w);
  }

  /** Something changed (a message, an exit, a closed end): answer every wait that can be answered now, in order. */
  private pump() {
    if (!this.waiters.length) return;
    const left: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.done) continue;
      const owner = this.procs.get(w.pid);
      if (!owner || owner.state === "exited") continue;
      if (w.check()) clearTimeout(w.timer);
      else left.push(w);
    }
    this.waiters = left.concat(this.waiters.filter((w) => !w.done && !left.includes(w)));
  }

  // ---- processes ----

  private spawn(parent: Proc, op: Extract<ProcOp, { op: "spawn" }>) {
    const live = this.liveChildren();
    if (live >= this.host.maxProcesses) {
      this.reply(parent, op.req, {
        error: `Too many processes: at most ${this.host.maxProcesses} may run at once in one program here (each is a whole Python interpreter in your browser). Join some before starting more.`,
      });
      return;
    }
    const index = this.procs.size;
    if (index >= PROC_TABLE.MAX_PIDS) {
      this.reply(parent, op.req, { error: `Too many processes: a program may start at most ${PROC_TABLE.MAX_PIDS - 1} in all.` });
      return;
    }
    const pid = this.basePid + index;
    const proc: Proc = { pid, ppid: parent.pid, name: op.name, state: "starting", exitcode: null, booted: null, runId: 0, refs: new Map(), post: null };
    this.procs.set(pid, proc);
    this.multi = true;
    Atomics.store(this.table, index * 2, PROC_TABLE.RUNNING);
    // The child holds the pipe ends its parent passed to it from now on, as a forked process holds its fds.
    for (const h of op.handles) {
      const key = `${h.chan}:${h.end}`;
      proc.refs.set(key, (proc.refs.get(key) ?? 0) + 1);
      const ch = this.channel(h.chan);
      if (h.end === "w") ch.writers += 1;
      else ch.readers += 1;
    }
    this.reply(parent, op.req, { pid });
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
    booted.runs += 1;
    proc.runId = booted.runs;
    const worker = booted.worker;
    proc.post = (message, transfer) => worker.postMessage(message, transfer ?? []);
    worker.onmessage = (event: MessageEvent) => {
      if (proc.booted !== booted) return;
      const parsed = FromWorkerSchema.safeParse(event.data);
      if (!parsed.success) return;
      const msg = parsed.data;
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
    };
    worker.postMessage(run);
  }

  /** A process ended: record its exit code, let go of its pipe ends, and wake whoever waits for it. */
  private exit(proc: Proc, code: number, kill = false) {
    if (proc.state === "exited") return;
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
    for (const [key, n] of proc.refs) {
      const [chan, end] = key.split(":");
      const ch = this.channel(Number(chan));
      if (end === "w") ch.writers -= n;
      else ch.readers -= n;
    }
    proc.refs.clear();
    this.net.processExited(proc.pid);
    const i = (proc.pid - this.basePid) * 2;
    Atomics.store(this.table, i + 1, code);
    Atomics.store(this.table, i, PROC_TABLE.EXITED);
    Atomics.notify(this.table, i);
    this.waiters = this.waiters.filter((w) => w.pid !== proc.pid || w.done);
    this.pump();
  }

  private signal(pid: number, sig: number) {
    const proc = this.procs.get(pid);
    if (!proc || pid === this.basePid || proc.state === "exited") return;
    this.exit(proc, -sig, true);
  }

  /**
   * Stop: every child is killed; the main process's waits end so its KeyboardInterrupt can land, and so do the waits
   * it begins before it has it (`interrupted` says when it has).
   */
  stop(interrupted: () => boolean) {
    this.stopping = interrupted;
    // First the main process's waits end as interrupted (its KeyboardInterrupt lands where it waits), then the
    // children go: ending them first would answer those waits as if the children had simply exited.
    for (const w of this.waiters) if (!w.done && w.pid === this.basePid) w.interrupt();
    this.waiters = this.waiters.filter((w) => !w.done);
    for (const p of this.procs.values()) if (p.pid !== this.basePid && p.state !== "exited") this.exit(p, -2, true);
  }

  /** The run is over: whatever still runs is killed (CPython's main process joins its children before this). */
  end() {
    if (this.ended) return;
    for (const p of this.procs.values()) if (p.pid !== this.basePid && p.state !== "exited") this.exit(p, -15, true);
    this.exit(this.procs.get(this.basePid)!, 0);
    this.ended = true;
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters = [];
    this.channels.clear();
    this.shm.clear();
    this.net.end();
    this.host.refill();
  }
}
