/**
 * What the worker extensions that talk to the page (./processes.ts, ./net.ts) share: numbered requests and their
 * answers, the tokens Python holds for JavaScript promises (Python turns a token into a future of its own: see
 * interleave/processes/_host.py and interleave/net/_remote.py), and Python's bytes as a fresh Uint8Array.
 */

export type Reply = Record<string, unknown>;

/** A Python callable handed to JavaScript (a PyProxy made with create_proxy). */
export type PyFn = ((...args: unknown[]) => unknown) & { destroy(): void };

/** Bytes from Python (a PyProxy of bytes/bytearray/memoryview, or already a Uint8Array) as a fresh Uint8Array. */
export function bytesOf(data: unknown): Uint8Array<ArrayBuffer> {
  if (data instanceof Uint8Array) return new Uint8Array(data);
  const js = (data as { toJs?: () => unknown }).toJs?.();
  if (js instanceof Uint8Array) return new Uint8Array(js);
  throw new TypeError("expected bytes");
}

/** The fields of a message that are there, but for `skip` (Python sees a missing field as absent, a null as JsNull). */
export function presentFields(msg: object, skip: readonly string[] = []): Reply {
  const reply: Reply = {};
  for (const [key, value] of Object.entries(msg)) if (value !== null && value !== undefined && !skip.includes(key)) reply[key] = value;
  return reply;
}

/**
 * One extension's requests to the page (`open` numbers one and promises its answer, `answer` settles it) and its
 * promise tokens (`hold` gives one, `promise` and `onSettle` take it back, once). `what` names a token in errors.
 */
export class PageRequests {
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly promises = new Map<number, Promise<unknown>>();
  private nextReq = 1;
  private nextToken = 1;

  constructor(private readonly what: string) {}

  /** A new request number, and the promise of the page's answer to it. */
  open(): { req: number; reply: Promise<Reply> } {
    const req = this.nextReq++;
    return { req, reply: new Promise<Reply>((resolve) => this.pending.set(req, resolve)) };
  }

  answer(req: number, reply: Reply) {
    const resolve = this.pending.get(req);
    this.pending.delete(req);
    resolve?.(reply);
  }

  /** Requests of an earlier run are answered no more. */
  forget() {
    this.pending.clear();
  }

  hold(p: Promise<unknown>): number {
    const token = this.nextToken++;
    this.promises.set(token, p);
    return token;
  }

  /** The promise behind a token (for run_sync, when no green thread scheduler runs). */
  promise(token: number): Promise<unknown> {
    const p = this.promises.get(token);
    this.promises.delete(token);
    if (!p) throw new Error(`no pending ${this.what} ${token}`);
    return p;
  }

  /** Calls `callback(value)` or `callback(undefined, message)` when the token's promise settles, then frees it. */
  onSettle(token: number, callback: PyFn) {
    const settle = (...args: unknown[]) => {
      try {
        callback(...args);
      } finally {
        callback.destroy();
      }
    };
    this.promise(token).then(
      (value) => settle(value),
      (err: unknown) => settle(undefined, err instanceof Error ? err.message : String(err)),
    );
  }
}
