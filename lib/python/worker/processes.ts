/**
 * The JavaScript half of the process runtime (lib/python/py/interleave/processes): multiprocessing over Web
 * Workers. Each Python process is a worker of its own; the page is the operating system (process table, pipes,
 * start and kill). This extension is what a process uses to talk to it: requests go up as `proc` messages (see
 * ProcOpSchema in ../protocol.ts), replies come back as `proc-reply`, and before every run the page says who this
 * process is (`proc-attach`: pid, parent, the run's process table, shared memory, and for a child what its parent
 * sent). Locks, semaphores, Value and Array live in SharedArrayBuffers and are used here directly with Atomics.
 *
 * Registered into Pyodide as the module `interleave_processes_js` (harmless in a learner's hands: it reaches only
 * the page's process table of the current run, which validates every request).
 */
import { PROC_TABLE, PROTOCOL_VERSION, ProcToWorkerSchema, type ProcOp } from "../protocol";
import { warmSoon, type WorkerContext } from "./extension";
import { bytesOf, PageRequests, presentFields, type PyFn, type Reply } from "./page-requests";

const WARM_DELAY_MS = 600;

interface Attached {
  pid: number;
  ppid: number;
  basePid: number;
  table: Int32Array;
  cpus: number;
  child: { name: string; payload: Uint8Array<ArrayBuffer> } | null;
}

/** Semaphore layout (Int32 slots): the count, and for a recursive mutex its owner (pid, thread) and depth. */
const SEM = { COUNT: 0, OWNER_PID: 1, OWNER_TID: 2, DEPTH: 3, SLOTS: 4 } as const;
const RECURSIVE_MUTEX = 0;

export function setup(ctx: WorkerContext): void {
  const scope = globalThis as unknown as {
    postMessage(m: unknown, t?: Transferable[]): void;
    addEventListener(type: "message", fn: (e: MessageEvent) => void): void;
  };
  // Private references, kept before the sandbox removes postMessage from the scope.
  const post = scope.postMessage.bind(scope);
  const Shared = typeof SharedArrayBuffer === "function" ? SharedArrayBuffer : null;

  let attached: Attached | null = null;
  const shm = new Map<number, SharedArrayBuffer>();
  let nextShm = 1;

  // Blocking calls return a token for their promise: Python turns a returned promise into a future of its own.
  const requests = new PageRequests("wait");
  const hold = (p: Promise<unknown>) => requests.hold(p);
  const send = (op: ProcOp, transfer: Transferable[] = []) => post({ v: PROTOCOL_VERSION, type: "proc", op }, transfer);
  const request = (op: (req: number) => ProcOp, transfer: Transferable[] = []) => {
    const { req, reply } = requests.open();
    send(op(req), transfer);
    return reply;
  };
  /** Reads not answered yet, by token: an abandoned one gives its messages back when its answer comes. */
  const reads = new Map<number, { req: number; chan: number; abandoned: boolean }>();
  const giveBack = (read: { req: number; chan: number }, answer: Reply) => {
    const data = [answer.data, ...((answer.more as unknown[] | undefined) ?? [])].filter((d): d is Uint8Array<ArrayBuffer> => d instanceof Uint8Array);
    send({ op: "unread", chan: read.chan, data, req: read.req }, data.map((d) => d.buffer));
  };
  const need = () => {
    if (!attached) throw new Error("multiprocessing is not available here (no process table for this run)");
    return attached;
  };
  const buffer = (id: number) => {
    const b = shm.get(id);
    if (!b) throw new Error(`shared memory ${id} is not known to this process`);
    return b;
  };
  scope.addEventListener("message", (event: MessageEvent) => {
    const parsed = ProcToWorkerSchema.safeParse(event.data);
    if (!parsed.success) return; // the worker's own protocol, or not ours
    const msg = parsed.data;
    if (msg.type === "proc-attach") {
      for (const { id, buffer: b } of msg.shm) shm.set(id, b);
      attached = { pid: msg.pid, ppid: msg.ppid, basePid: msg.basePid, table: new Int32Array(msg.table), cpus: msg.cpus, child: msg.child };
      requests.forget();
      reads.clear();
      return;
    }
    requests.answer(msg.req, presentFields(msg));
  });

  const slot = (pid: number) => {
    const a = need();
    const i = (pid - a.basePid) * 2;
    if (!Number.isInteger(i) || i < 0 || i + 1 >= a.table.length) throw new Error(`no process ${pid}`);
    return i;
  };

  const api = {
    /** Who this process is, as JSON, or "" when the page did not attach this run (no process support). */
    info(): string {
      if (!attached) return "";
      const { pid, ppid, basePid, cpus, child } = attached;
      return JSON.stringify({ pid, ppid, basePid, cpus, child: child ? { name: child.name } : null, shared: Shared !== null });
    },
    /** What the parent's spawn sent (a child only; once). */
    takePayload(): Uint8Array {
      const child = attached?.child;
      if (!child) return new Uint8Array(0);
      const payload = child.payload;
      child.payload = new Uint8Array(0);
      return payload;
    },
    spawn(name: string, payload: unknown, handles: unknown): number {
      need();
      const bytes = bytesOf(payload);
      const ends = JSON.parse(String(handles)) as { chan: number; end: "r" | "w" }[];
      return hold(request((req) => ({ op: "spawn", req, name: String(name).slice(0, 200), payload: bytes, handles: ends }), [bytes.buffer]));
    },
    write(ch: number, data: unknown): void {
      need();
      const bytes = bytesOf(data);
      send({ op: "write", chan: ch, data: bytes }, [bytes.buffer]);
    },
    read(ch: number, timeoutMs: number | null | undefined, peek: boolean): number {
      need();
      const { req, reply } = requests.open();
      send({ op: "read", req, chan: ch, timeoutMs: timeoutMs ?? null, peek: !!peek });
      if (peek) return hold(reply);
      const read = { req, chan: ch, abandoned: false };
      const token = hold(
        reply.then((answer) => {
          reads.delete(token);
          if (read.abandoned) giveBack(read, answer);
          return answer;
        }),
      );
      reads.set(token, read);
      return token;
    },
    /**
     * Python stopped waiting for a token's answer (an exception ended the wait: see _host.block). For a read, the
     * page forgets it, or holds the channel until the messages it was answered with come back from here.
     */
    abandon(token: number): void {
      const read = reads.get(token);
      if (!read || read.abandoned) return;
      read.abandoned = true;
      send({ op: "abandon", req: read.req, chan: read.chan });
    },
    select(chans: string, pids: string, timeoutMs: number | null | undefined): number {
      need();
      return hold(request((req) => ({ op: "select", req, chans: JSON.parse(chans) as number[], pids: JSON.parse(pids) as number[], timeoutMs: timeoutMs ?? null })));
    },
    unread(ch: number, messages: unknown): void {
      need();
      const list = (messages as { toJs?: () => unknown }).toJs?.() ?? messages;
      const data = (Array.isArray(list) ? list : []).map(bytesOf);
      send({ op: "unread", chan: ch, data }, data.map((d) => d.buffer));
    },
    ref(ch: number, end: "r" | "w", delta: 1 | -1): void {
      if (attached) send({ op: "ref", chan: ch, end, delta });
    },
    /** os._exit in a child: output so far goes out, then the page stops this worker. Returns a token that never settles. */
    hardExit(code: number): number {
      need();
      (ctx.host.flush as (() => void) | undefined)?.();
      send({ op: "exit", code: Math.trunc(Number(code)) & 0xff });
      return hold(new Promise(() => undefined));
    },
    signal(pid: number, sig: number): void {
      need();
      send({ op: "signal", pid, sig });
    },
    /** The process's slot in the run's table: PROC_TABLE.FREE (no such process), RUNNING or EXITED (os.kill). */
    state(pid: number): number {
      const a = need();
      const i = (Number(pid) - a.basePid) * 2;
      return Number.isInteger(i) && i >= 0 && i + 1 < a.table.length ? Atomics.load(a.table, i) : PROC_TABLE.FREE;
    },
    /** The process's exit code, or undefined (None) while it runs (Popen.poll). */
    exitcode(pid: number): number | undefined {
      const a = need();
      const i = slot(pid);
      return Atomics.load(a.table, i) === PROC_TABLE.EXITED ? Atomics.load(a.table, i + 1) : undefined;
    },
    /** Allocates shared memory of `bytes` bytes and tells the page; returns its id. */
    alloc(bytes: number): number {
      const a = need();
      if (!Shared) throw new Error("shared memory needs a cross-origin isolated page");
      const size = Math.max(8, Math.ceil(Number(bytes) / 8) * 8);
      if (!(size <= 256 * 1024 * 1024)) throw new Error("shared memory blocks are limited to 256 MB");
      const b = new Shared(size);
      const id = (a.pid - a.basePid) * 65536 + nextShm++;
      shm.set(id, b);
      send({ op: "shm", id, buffer: b });
      return id;
    },
    /** Typed access to shared memory (Value, Array): `code` is a struct/array typecode. */
    load(id: number, offset: number, code: string): number | bigint {
      return access(new DataView(buffer(id)), offset, code);
    },
    store(id: number, offset: number, code: string, value: number | bigint): void {
      access(new DataView(buffer(id)), offset, code, value);
    },
    loadBytes(id: number, offset: number, length: number): Uint8Array {
      return new Uint8Array(buffer(id), offset, length).slice();
    },
    storeBytes(id: number, offset: number, data: unknown): void {
      new Uint8Array(buffer(id)).set(bytesOf(data), offset);
    },
    /** SemLock: one non-blocking attempt. Returns true when acquired (for a recursive mutex also re-entry). */
    semTry(id: number, kind: number, pid: number, tid: number): boolean {
      const s = new Int32Array(buffer(id));
      if (kind === RECURSIVE_MUTEX && Atomics.load(s, SEM.OWNER_PID) === pid && Atomics.load(s, SEM.OWNER_TID) === tid && Atomics.load(s, SEM.DEPTH) > 0) {
        Atomics.add(s, SEM.DEPTH, 1);
        return true;
      }
      for (;;) {
        const c = Atomics.load(s, SEM.COUNT);
        if (c <= 0) return false;
        if (Atomics.compareExchange(s, SEM.COUNT, c, c - 1) === c) break;
      }
      if (kind === RECURSIVE_MUTEX) {
        Atomics.store(s, SEM.OWNER_PID, pid);
        Atomics.store(s, SEM.OWNER_TID, tid);
        Atomics.store(s, SEM.DEPTH, 1);
      }
      return true;
    },
    /** A token (see `promise`) for a promise that settles when the count may have become positive, or after timeoutMs (null: no limit). */
    semWait(id: number, timeoutMs: number | null | undefined): number {
      const s = new Int32Array(buffer(id));
      const waited = Atomics.waitAsync(s, SEM.COUNT, 0, timeoutMs ?? Infinity);
      return hold(waited.async ? waited.value : Promise.resolve(waited.value));
    },
    /** Returns "" or the error CPython raises ("too many" / "not owned"). */
    semRelease(id: number, kind: number, maxvalue: number, pid: number, tid: number): string {
      const s = new Int32Array(buffer(id));
      if (kind === RECURSIVE_MUTEX) {
        if (Atomics.load(s, SEM.OWNER_PID) !== pid || Atomics.load(s, SEM.OWNER_TID) !== tid || Atomics.load(s, SEM.DEPTH) <= 0) return "not owned";
        if (Atomics.sub(s, SEM.DEPTH, 1) > 1) return "";
        Atomics.store(s, SEM.OWNER_PID, 0);
        Atomics.store(s, SEM.OWNER_TID, 0);
      } else if (maxvalue !== -1) {
        for (;;) {
          const c = Atomics.load(s, SEM.COUNT);
          if (c >= maxvalue) return "too many";
          if (Atomics.compareExchange(s, SEM.COUNT, c, c + 1) === c) {
            Atomics.notify(s, SEM.COUNT);
            return "";
          }
        }
      }
      Atomics.add(s, SEM.COUNT, 1);
      Atomics.notify(s, SEM.COUNT);
      return "";
    },
    /** [count, owner pid, owner thread, depth] of a SemLock. */
    semState(id: number): number[] {
      return Array.from(new Int32Array(buffer(id)).subarray(0, SEM.SLOTS));
    },
    semInit(id: number, value: number): void {
      Atomics.store(new Int32Array(buffer(id)), SEM.COUNT, value);
    },
    /** The promise behind a token (for run_sync, when no green thread scheduler runs). */
    promise(token: number): Promise<unknown> {
      return requests.promise(token);
    },
    /** Calls `callback(value)` or `callback(undefined, message)` when the token's promise settles, then frees it. */
    onSettle(token: number, callback: PyFn): void {
      requests.onSettle(token, callback);
    },
    cpus(): number {
      return attached?.cpus ?? 1;
    },
    /** Whether this run ever had a second process (the first child takes the table's second slot). */
    childStarted(): boolean {
      if (!attached) return false;
      return attached.pid !== attached.basePid || Atomics.load(attached.table, 2) !== PROC_TABLE.FREE;
    },
  };

  ctx.pyodide.registerJsModule("interleave_processes_js", api);

  // Compile multiprocessing's modules while the process waits for work (a spare worker), not when it starts one.
  warmSoon(ctx, "interleave.processes", WARM_DELAY_MS);
}

function access(view: DataView, offset: number, code: string, value?: number | bigint): number | bigint {
  const set = value !== undefined;
  const le = true;
  switch (code) {
    case "b":
      if (set) view.setInt8(offset, Number(value));
      return view.getInt8(offset);
    case "B":
    case "c":
    case "?":
      if (set) view.setUint8(offset, Number(value));
      return view.getUint8(offset);
    case "h":
      if (set) view.setInt16(offset, Number(value), le);
      return view.getInt16(offset, le);
    case "H":
      if (set) view.setUint16(offset, Number(value), le);
      return view.getUint16(offset, le);
    case "i":
    case "l":
      if (set) view.setInt32(offset, Number(value), le);
      return view.getInt32(offset, le);
    case "I":
    case "L":
    case "u":
      if (set) view.setUint32(offset, Number(value), le);
      return view.getUint32(offset, le);
    case "q":
      if (set) view.setBigInt64(offset, BigInt(value!), le);
      return view.getBigInt64(offset, le);
    case "Q":
      if (set) view.setBigUint64(offset, BigInt(value!), le);
      return view.getBigUint64(offset, le);
    case "f":
      if (set) view.setFloat32(offset, Number(value), le);
      return view.getFloat32(offset, le);
    case "d":
      if (set) view.setFloat64(offset, Number(value), le);
      return view.getFloat64(offset, le);
    default:
      throw new TypeError(`unsupported typecode ${JSON.stringify(code)}`);
  }
}
