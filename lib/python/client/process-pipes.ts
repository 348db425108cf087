/**
 * The pipes of one run's processes (multiprocessing's Pipe, Queue and Connection): each channel a queue of pickled
 * messages with counts of the processes holding its write and read ends (a channel whose write end no process holds
 * any more reads EOF), and the blocking reads and selects waiting on them. ProcessRun (./processes.ts) owns the
 * processes and hands their requests here. Listener and Client go over the run's loopback network (./net.ts).
 */
import { PROTOCOL_VERSION, type NetToWorker, type ProcOp, type ProcToWorker, type ToWorker } from "../protocol";

/** A sole reader gets up to this many queued messages (and bytes) in one reply, saving a round trip per message. */
const BATCH_MESSAGES = 1000;
const BATCH_BYTES = 1024 * 1024;
/** Bytes of messages held in one channel before a write is refused (a pipe's buffer, generously sized). */
const CHANNEL_LIMIT = 256 * 1024 * 1024;

export type Reply = Omit<Extract<ProcToWorker, { type: "proc-reply" }>, "v" | "type" | "req">;
export type Post = (message: ProcToWorker | ToWorker | NetToWorker, transfer?: Transferable[]) => void;

/** What the pipes need of a process. */
export interface PipeHolder {
  pid: number;
  state: "starting" | "running" | "exited";
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
  /** Abandoned reads ("pid:req") whose answer is on its way back: nobody reads the channel until it is. */
  held: Set<string>;
}

interface Waiter {
  pid: number;
  req: number;
  /** Tries to answer; true when answered. */
  check(): boolean;
  /** Answers with "interrupted" (Stop) and forgets the waiter. */
  interrupt(): void;
  timer?: ReturnType<typeof setTimeout>;
  done: boolean;
}

type Op<K extends ProcOp["op"]> = Extract<ProcOp, { op: K }>;

export class Pipes {
  private readonly channels = new Map<number, Channel>();
  private waiters: Waiter[] = [];
  /** Set by interrupt() until that process has its KeyboardInterrupt (`landed` says when it has). */
  private stopping: { pid: number; landed: () => boolean } | null = null;

  constructor(
    private readonly procs: ReadonlyMap<number, PipeHolder>,
    private readonly notice: (text: string) => void,
  ) {}

  reply(proc: PipeHolder, req: number, reply: Reply) {
    const transfer: Transferable[] = reply.data ? [reply.data.buffer] : [];
    for (const m of reply.more ?? []) transfer.push(m.buffer);
    proc.post?.({ v: PROTOCOL_VERSION, type: "proc-reply", req, ...reply }, transfer);
  }

  /** `proc` holds one more (delta 1) or one fewer (-1) of a channel's ends. */
  hold(proc: PipeHolder, chan: number, end: "r" | "w", delta = 1) {
    const key = `${chan}:${end}`;
    proc.refs.set(key, (proc.refs.get(key) ?? 0) + delta);
    const ch = this.channel(chan);
    if (end === "w") ch.writers += delta;
    else ch.readers += delta;
  }

  write(proc: PipeHolder, op: Op<"write">) {
    const ch = this.channel(op.chan);
    if (ch.bytes + op.data.length > CHANNEL_LIMIT) {
      this.notice(`A pipe of process ${proc.pid} holds more than ${CHANNEL_LIMIT >> 20} MB nobody reads: a message was dropped.`);
      return;
    }
    this.push(ch, op.data);
    this.pump();
  }

  unread(proc: PipeHolder, op: Op<"unread">) {
    const ch = this.channel(op.chan);
    ch.queue.unshift(...op.data);
    for (const d of op.data) ch.bytes += d.length;
    if (op.req !== undefined) ch.held.delete(`${proc.pid}:${op.req}`);
    this.pump();
  }

  /**
   * A read of `proc` ended in an exception in that process (a signal's KeyboardInterrupt: CPython's read() returns
   * EINTR and takes nothing from the pipe). Still waiting: it is forgotten (and answered "interrupted", which the
   * process ignores). Already answered: what it took is on its way back (unread with its req), and until then the
   * channel is read by nobody, so the messages keep their order.
   */
  abandon(proc: PipeHolder, op: Op<"abandon">) {
    const w = this.waiters.find((x) => !x.done && x.pid === proc.pid && x.req === op.req);
    if (!w) {
      this.channel(op.chan).held.add(`${proc.pid}:${op.req}`);
      return;
    }
    w.done = true;
    clearTimeout(w.timer);
    this.waiters = this.waiters.filter((x) => x !== w);
    this.reply(proc, op.req, { interrupted: true });
  }

  ref(proc: PipeHolder, op: Op<"ref">) {
    const held = proc.refs.get(`${op.chan}:${op.end}`) ?? 0;
    if (op.delta < 0 && held <= 0) return;
    this.hold(proc, op.chan, op.end, op.delta);
    if (op.delta < 0) this.pump();
  }

  read(proc: PipeHolder, op: Op<"read">) {
    this.wait(proc, op.req, op.timeoutMs, () => this.tryRead(proc, op.req, op.chan, op.peek), () => (op.peek ? { ready: false } : { timeout: true }));
  }

  select(proc: PipeHolder, op: Op<"select">) {
    this.wait(proc, op.req, op.timeoutMs, () => this.trySelect(proc, op.req, op.chans, op.pids), () => ({ chans: [], pids: [], timeout: true }));
  }

  /** A process ended: it lets go of its channel ends, and its waits are forgotten. */
  release(proc: PipeHolder) {
    for (const [key, n] of proc.refs) {
      const [chan, end] = key.split(":");
      const ch = this.channel(Number(chan));
      if (end === "w") ch.writers -= n;
      else ch.readers -= n;
    }
    proc.refs.clear();
    for (const ch of this.channels.values()) for (const key of ch.held) if (key.startsWith(`${proc.pid}:`)) ch.held.delete(key);
    this.waiters = this.waiters.filter((w) => w.pid !== proc.pid || w.done);
    this.pump();
  }

  /**
   * Stop: the waits of process `pid` end as interrupted, and so do the waits it begins before its KeyboardInterrupt
   * has landed (`landed` says when it has).
   */
  interrupt(pid: number, landed: () => boolean) {
    this.stopping = { pid, landed };
    for (const w of this.waiters) if (!w.done && w.pid === pid) w.interrupt();
    this.waiters = this.waiters.filter((w) => !w.done);
  }

  /** The run is over. */
  clear() {
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters = [];
    this.channels.clear();
  }

  private channel(id: number): Channel {
    let ch = this.channels.get(id);
    if (!ch) {
      ch = { queue: [], bytes: 0, writers: 0, readers: 0, held: new Set() };
      this.channels.set(id, ch);
    }
    return ch;
  }

  private push(ch: Channel, data: Uint8Array<ArrayBuffer>) {
    ch.queue.push(data);
    ch.bytes += data.length;
  }

  private readable(id: number) {
    const ch = this.channel(id);
    return !ch.held.size && (ch.queue.length > 0 || ch.writers <= 0);
  }

  private tryRead(proc: PipeHolder, req: number, id: number, peek: boolean): boolean {
    const ch = this.channel(id);
    if (ch.held.size) return false;
    if (ch.queue.length) {
      if (peek) {
        this.reply(proc, req, { ready: true });
        return true;
      }
      const data = ch.queue.shift()!;
      ch.bytes -= data.length;
      // The only process that can read this channel may as well take what is queued behind (it gives back what it
      // did not use if it hands the connection on or closes it).
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
      return true;
    }
    if (ch.writers <= 0) {
      this.reply(proc, req, peek ? { ready: true } : { eof: true, data: null });
      return true;
    }
    return false;
  }

  private trySelect(proc: PipeHolder, req: number, chans: number[], pids: number[]): boolean {
    const readyChans = chans.filter((c) => this.readable(c));
    const readyPids = pids.filter((p) => this.procs.get(p)?.state === "exited" || !this.procs.has(p));
    if (!readyChans.length && !readyPids.length) return false;
    this.reply(proc, req, { chans: readyChans, pids: readyPids });
    return true;
  }

  private wait(proc: PipeHolder, req: number, timeoutMs: number | null, check: () => boolean, onTimeout: () => Reply) {
    if (check()) return;
    if (this.stopping?.pid === proc.pid) {
      // Stop came before this wait began (the main thread was between two calls): the SIGINT waits in the interrupt
      // buffer, which an idle worker never reads, so the wait ends as interrupted now, as it would have a moment
      // later. Once the KeyboardInterrupt has landed, waits (a join in a finally) are waits again.
      if (!this.stopping.landed()) {
        this.reply(proc, req, { interrupted: true });
        return;
      }
      this.stopping = null;
    }
    const w: Waiter = {
      pid: proc.pid,
      req,
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
  pump() {
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
}
