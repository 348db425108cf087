/**
 * The page's part of a run's loopback network (lib/python/py/interleave/net): what the run's processes share.
 * Each process keeps its own sockets (its kernel); the page keeps the names every process must see — bound ports
 * and Unix socket paths, so that a connect() finds a listener in another process — and carries the bytes of
 * connections whose two ends live in two processes, as it carries pipes: data, flow-control credit, FIN, shutdown
 * and close travel as messages, in order. It also holds named shared memory (multiprocessing.shared_memory: one
 * SharedArrayBuffer per name, handed to every process that opens the name) and the resource tracker's register.
 * Every request was parsed against NetOpSchema (../protocol.ts) before it gets here.
 */
import { PROTOCOL_VERSION, type NetOp, type NetToWorker } from "../protocol";

type Post = (message: NetToWorker, transfer?: Transferable[]) => void;
type Reply = Omit<Extract<NetToWorker, { type: "net-reply" }>, "v" | "type" | "req">;
type Push = Omit<Extract<NetToWorker, { type: "net-push" }>, "v" | "type">;

const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_STREAM = 1;
/** Bytes of shared memory one run may hold in named blocks. */
const SHM_LIMIT = 512 * 1024 * 1024;

interface Binding {
  pid: number;
  sock: number;
  kind: "tcp" | "udp";
  family: number;
  host: string;
  port: number;
  v6only: boolean;
  reuseaddr: boolean;
  reuseport: boolean;
  listening: boolean;
}

interface Conn {
  a: number;
  b: number;
}

const wild = (host: string) => host === "0.0.0.0" || host === "::";

/** Whether two bindings of one port overlap (same address, a wildcard, or an IPv6 wildcard that takes IPv4 too). */
function overlaps(x: Binding, family: number, host: string, v6only: boolean): boolean {
  if (x.family === family) return wild(x.host) || wild(host) || x.host === host;
  const [sixWild, sixOnly] = x.family === AF_INET6 ? [wild(x.host), x.v6only] : [wild(host), v6only];
  const sixHost = x.family === AF_INET6 ? x.host : host;
  const fourHost = x.family === AF_INET6 ? host : x.host;
  if (sixWild && !sixOnly) return true;
  return sixHost === `::ffff:${fourHost}`;
}

/** Whether a packet or connection for (family, host) reaches binding b. */
function accepts(b: Binding, family: number, host: string): boolean {
  if (b.family === family) return wild(b.host) || b.host === host;
  if (family === AF_INET && b.family === AF_INET6) return (wild(b.host) && !b.v6only) || b.host === `::ffff:${host}`;
  return false;
}

export class NetRun {
  private readonly ports = new Map<string, Binding[]>();
  private readonly paths = new Map<string, { pid: number; sock: number }>();
  private readonly conns = new Map<number, Conn>();
  private readonly shm = new Map<string, SharedArrayBuffer>();
  private shmBytes = 0;
  /** Names of shared memory the resource tracker holds (REGISTER adds, UNREGISTER removes, as its set does). */
  private readonly tracked = new Set<string>();
  private nextConn = 1;
  private ended = false;

  /** `post(pid)` delivers to that process's worker, or is null once it is gone. */
  constructor(private readonly post: (pid: number) => Post | null) {}

  handle(pid: number, op: NetOp) {
    if (this.ended) return;
    switch (op.op) {
      case "claim": {
        const { req, ...b } = op;
        if (this.conflict(pid, b)) this.reply(pid, req, { error: "EADDRINUSE" });
        else {
          this.add(pid, b);
          this.reply(pid, req, {});
        }
        break;
      }
      case "bound":
        this.add(pid, op);
        break;
      case "unbound": {
        const key = `${op.kind}:${op.port}`;
        const list = (this.ports.get(key) ?? []).filter((b) => !(b.pid === pid && b.sock === op.sock));
        if (list.length) this.ports.set(key, list);
        else this.ports.delete(key);
        break;
      }
      case "listening":
        for (const b of this.ports.get(`tcp:${op.port}`) ?? []) if (b.pid === pid && b.sock === op.sock) b.listening = true;
        break;
      case "connect": {
        const listener = this.find("tcp", op.family, op.host, op.port, true);
        if (!listener) {
          this.reply(pid, op.req, { error: "ECONNREFUSED" });
          break;
        }
        const id = this.open(pid, listener.pid);
        this.push(listener.pid, { event: "incoming", conn: id, sock: listener.sock, family: op.family, host: op.srcHost, port: op.srcPort, dest: op.host });
        this.reply(pid, op.req, { conn: id });
        break;
      }
      case "path-claim": {
        const key = `${op.sotype}:${op.key}`;
        const held = this.paths.get(key);
        if (held && !(held.pid === pid && held.sock === op.sock)) this.reply(pid, op.req, { error: "EADDRINUSE" });
        else {
          this.paths.set(key, { pid, sock: op.sock });
          this.reply(pid, op.req, {});
        }
        break;
      }
      case "path-bound":
        this.paths.set(`${op.sotype}:${op.key}`, { pid, sock: op.sock });
        break;
      case "path-unbound": {
        const key = `${op.sotype}:${op.key}`;
        const held = this.paths.get(key);
        if (held && held.pid === pid && held.sock === op.sock) this.paths.delete(key);
        break;
      }
      case "connect-unix": {
        const held = this.paths.get(`${SOCK_STREAM}:${op.key}`);
        if (!held || held.pid === pid || !this.post(held.pid)) {
          this.reply(pid, op.req, { error: held ? "ECONNREFUSED" : "ENOENT" });
          break;
        }
        const id = this.open(pid, held.pid);
        this.push(held.pid, { event: "incoming", conn: id, sock: held.sock, from: op.from });
        this.reply(pid, op.req, { conn: id });
        break;
      }
      case "data":
        this.forward(pid, op.conn, { event: "data", conn: op.conn, data: op.data }, [op.data.buffer]);
        break;
      case "credit":
        this.forward(pid, op.conn, { event: "credit", conn: op.conn, n: op.n });
        break;
      case "fin":
        this.forward(pid, op.conn, { event: "fin", conn: op.conn });
        break;
      case "shut":
        this.forward(pid, op.conn, { event: "shut", conn: op.conn, mode: op.mode });
        break;
      case "close":
        this.forward(pid, op.conn, { event: "closed", conn: op.conn, abort: op.abort });
        this.conns.delete(op.conn);
        break;
      case "datagram": {
        const target = this.find("udp", op.family, op.host, op.port, false);
        if (target && target.pid !== pid) {
          this.push(target.pid, { event: "datagram", sock: target.sock, family: op.family, host: op.srcHost, port: op.srcPort, dest: op.host, data: op.data }, [op.data.buffer]);
        }
        break;
      }
      case "shm-open": {
        const existing = this.shm.get(op.name);
        if (op.create) {
          if (existing) {
            this.reply(pid, op.req, { error: "EEXIST" });
            break;
          }
          if (this.shmBytes + op.size > SHM_LIMIT) {
            this.reply(pid, op.req, { error: "ENOMEM" });
            break;
          }
          const buffer = new SharedArrayBuffer(Math.max(1, op.size));
          this.shm.set(op.name, buffer);
          this.shmBytes += buffer.byteLength;
          this.reply(pid, op.req, { buffer, size: op.size });
        } else if (!existing) {
          this.reply(pid, op.req, { error: "ENOENT" });
        } else {
          this.reply(pid, op.req, { buffer: existing, size: existing.byteLength });
        }
        break;
      }
      case "shm-unlink": {
        const existing = this.shm.get(op.name);
        if (!existing) this.reply(pid, op.req, { error: "ENOENT" });
        else {
          this.shm.delete(op.name);
          this.shmBytes -= existing.byteLength;
          this.reply(pid, op.req, {});
        }
        break;
      }
      case "shm-track":
        if (op.register) this.tracked.add(op.name);
        else this.tracked.delete(op.name);
        break;
      case "shm-leaks":
        this.reply(pid, op.req, { names: [...this.tracked].filter((n) => this.shm.has(n)) });
        break;
    }
  }

  /** A process ended: its names are free again, and the other ends of its connections see it close. */
  processExited(pid: number) {
    for (const [key, list] of this.ports) {
      const left = list.filter((b) => b.pid !== pid);
      if (left.length) this.ports.set(key, left);
      else this.ports.delete(key);
    }
    for (const [key, held] of this.paths) if (held.pid === pid) this.paths.delete(key);
    for (const [id, c] of this.conns) {
      if (c.a !== pid && c.b !== pid) continue;
      this.conns.delete(id);
      this.push(c.a === pid ? c.b : c.a, { event: "closed", conn: id, abort: false });
    }
  }

  end() {
    this.ended = true;
    this.ports.clear();
    this.paths.clear();
    this.conns.clear();
    this.shm.clear();
    this.tracked.clear();
    this.shmBytes = 0;
  }

  // ---- helpers ----

  private add(pid: number, b: Omit<Binding, "pid" | "listening">) {
    const key = `${b.kind}:${b.port}`;
    const list = (this.ports.get(key) ?? []).filter((x) => !(x.pid === pid && x.sock === b.sock));
    list.push({ ...b, pid, listening: false });
    this.ports.set(key, list);
  }

  private conflict(pid: number, b: Omit<Binding, "pid" | "listening">): boolean {
    for (const x of this.ports.get(`${b.kind}:${b.port}`) ?? []) {
      if (x.pid === pid && x.sock === b.sock) continue;
      if (!overlaps(x, b.family, b.host, b.v6only)) continue;
      if (b.reuseport && x.reuseport) continue;
      if (b.kind === "tcp" && b.reuseaddr && x.reuseaddr && !x.listening) continue;
      if (b.kind === "udp" && b.reuseaddr && x.reuseaddr) continue;
      return true;
    }
    return false;
  }

  private find(kind: "tcp" | "udp", family: number, host: string, port: number, listening: boolean): Binding | null {
    let best: Binding | null = null;
    for (const b of this.ports.get(`${kind}:${port}`) ?? []) {
      if (listening && !b.listening) continue;
      if (!this.post(b.pid) || !accepts(b, family, host)) continue;
      if (!wild(b.host)) return b;
      best ??= b;
    }
    return best;
  }

  private open(a: number, b: number): number {
    const id = this.nextConn++;
    this.conns.set(id, { a, b });
    return id;
  }

  private forward(pid: number, id: number, push: Push, transfer?: Transferable[]) {
    const c = this.conns.get(id);
    if (!c || (c.a !== pid && c.b !== pid)) return;
    this.push(c.a === pid ? c.b : c.a, push, transfer);
  }

  private push(pid: number, push: Push, transfer?: Transferable[]) {
    this.post(pid)?.({ v: PROTOCOL_VERSION, type: "net-push", ...push }, transfer);
  }

  private reply(pid: number, req: number, reply: Reply) {
    this.post(pid)?.({ v: PROTOCOL_VERSION, type: "net-reply", req, ...reply });
  }
}
