/**
 * The JavaScript half of the loopback network's shared part (lib/python/py/interleave/net/_remote.py and _shm.py):
 * requests to the page (client/net.ts) and its answers, the page's news about connections with other processes
 * (handed to Python as they arrive), and named shared memory (multiprocessing.shared_memory) as SharedArrayBuffers
 * that Python mirrors in its own memory and synchronises with here.
 *
 * Registered into Pyodide as the module `interleave_net_js` (harmless in a learner's hands: it reaches only the
 * page's network of the current run, which validates every request).
 */
import { NetOpSchema, NetToWorkerSchema, PROTOCOL_VERSION, type NetOp } from "../protocol";
import { warmSoon, type WorkerContext } from "./extension";
import { bytesOf, PageRequests, presentFields, type PyFn } from "./page-requests";

const WARM_DELAY_MS = 450;
/** A PyProxy of a writable Python buffer (bytearray). */
type PyBufferProxy = { getBuffer(type?: string): { data: Uint8Array; release(): void } };

interface Segment {
  sab: SharedArrayBuffer;
  size: number;
  /** What the block held at the last synchronisation, as this process saw it (to find its own writes). */
  twin: Uint8Array;
}

export function setup(ctx: WorkerContext): void {
  const scope = globalThis as unknown as {
    postMessage(m: unknown, t?: Transferable[]): void;
    addEventListener(type: "message", fn: (e: MessageEvent) => void): void;
  };
  const post = scope.postMessage.bind(scope);
  const requests = new PageRequests("request");
  const segments = new Map<number, Segment>();
  let nextSegment = 1;
  let handler: PyFn | null = null;

  const parse = (json: string, data?: unknown): NetOp => {
    const raw = JSON.parse(String(json)) as Record<string, unknown>;
    if (data !== undefined && data !== null) raw.data = bytesOf(data);
    return NetOpSchema.parse(raw);
  };
  const send = (op: NetOp) => post({ v: PROTOCOL_VERSION, type: "net", op }, "data" in op && op.data ? [op.data.buffer] : []);

  scope.addEventListener("message", (event: MessageEvent) => {
    const parsed = NetToWorkerSchema.safeParse(event.data);
    if (!parsed.success) return; // another part of the runtime's messages
    const msg = parsed.data;
    if (msg.type === "net-reply") {
      const reply = presentFields(msg, ["v", "type"]);
      if (msg.buffer) {
        // The block itself stays here; Python gets a handle to synchronise its mirror with.
        const id = nextSegment++;
        const size = msg.size ?? msg.buffer.byteLength;
        segments.set(id, { sab: msg.buffer, size, twin: new Uint8Array(size) });
        delete reply.buffer;
        reply.segment = id;
        reply.size = size;
      }
      requests.answer(msg.req, reply);
      return;
    }
    if (!handler) return;
    const { data, v: _v, type: _t, ...rest } = msg;
    try {
      handler(JSON.stringify(rest), data ?? null);
    } catch (err) {
      console.error("interleave net: a network event failed", err);
    }
  });

  const segment = (id: number) => {
    const s = segments.get(id);
    if (!s) throw new Error(`shared memory ${id} is closed`);
    return s;
  };

  const api = {
    /** A request to the page; returns a token for its answer (see promise / onSettle). */
    request(json: string): number {
      const { req, reply } = requests.open();
      const raw = JSON.parse(String(json)) as Record<string, unknown>;
      raw.req = req;
      send(NetOpSchema.parse(raw));
      return requests.hold(reply);
    },
    /** A message to the page that needs no answer (data, credit, close...). */
    send(json: string, data?: unknown): void {
      send(parse(json, data));
    },
    /** Python's receiver of the page's news: called with (JSON of the event, its bytes or null). */
    setHandler(fn: PyFn): void {
      handler?.destroy();
      handler = fn;
    },
    clearHandler(): void {
      handler?.destroy();
      handler = null;
      requests.forget();
    },
    promise(token: number): Promise<unknown> {
      return requests.promise(token);
    },
    onSettle(token: number, callback: PyFn): void {
      requests.onSettle(token, callback);
    },
    /**
     * Synchronise a mirror (a bytearray of the block's size) with its shared block: bytes this process changed since
     * the last synchronisation are written to the block (only those, so writes of other processes to other bytes
     * are not undone), then the mirror is refreshed from the block.
     */
    shmSync(id: number, mirror: PyBufferProxy, pull: boolean): void {
      const s = segment(id);
      const shared = new Uint8Array(s.sab, 0, s.size);
      const view = mirror.getBuffer("u8");
      try {
        const local = view.data;
        const twin = s.twin;
        const n = Math.min(local.length, s.size);
        for (let i = 0; i < n; i++) {
          const b = local[i]!;
          if (b !== twin[i]) {
            shared[i] = b;
            twin[i] = b;
          }
        }
        if (pull) {
          twin.set(shared.subarray(0, n));
          local.set(twin.subarray(0, n));
        }
      } finally {
        view.release();
      }
    },
    shmClose(id: number): void {
      segments.delete(id);
    },
  };
  ctx.pyodide.registerJsModule("interleave_net_js", api);

  // Swapping in the runtime's _socket and select (and executing socket.py and selectors.py again over them) takes a
  // few tens of ms: do it while the learner reads, not in their first run.
  warmSoon(ctx, "interleave.net", WARM_DELAY_MS);
}
