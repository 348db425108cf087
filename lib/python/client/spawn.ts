/**
 * Starting a Python worker, the first half of its boot (./boot.ts waits for it to be ready): the page's shared
 * memory, the preemption ticker and `new Worker` with its init message. No zod and nothing else heavy: the lesson
 * page's early start script (./early.ts, inlined into the page) is built from this file, so a worker can start while the page is still
 * being parsed, before React has hydrated anything; the runtime then adopts it (see `claimEarlyStart`).
 */
import { PROTOCOL_VERSION } from "../protocol-version";
import { CONTROL, STDIN } from "../shared-memory";
import type { ToWorker } from "../protocol";

/**
 * The workers' URLs. A production build and the runtime's own bundles (the early script, the harness) get their
 * content-hashed names, cached for good (scripts/build-runtime.mjs writes public/runtime/manifest.json; next.config.js
 * and esbuild put the names in here at build time); `next dev` and tests importing this file use the stable names.
 */
export const WORKER_URL = process.env.INTERLEAVE_WORKER_URL || "/runtime/worker.mjs";
export const TICKER_URL = process.env.INTERLEAVE_TICKER_URL || "/runtime/ticker.mjs";

/** The page's shared memory for its interpreter (one per page: a restarted worker gets the same buffers). */
export interface SharedMemory {
  interrupt: Int32Array;
  stdinCtrl: Int32Array;
  stdinData: Uint8Array;
  stdinBuffer: SharedArrayBuffer;
  control: Int32Array;
}

export interface SpawnOptions {
  /** The worker's name (shown in DevTools). */
  name: string;
  interrupt: SharedArrayBuffer | null;
  control: SharedArrayBuffer | null;
  stdin: SharedArrayBuffer | null;
  useSnapshot: boolean;
  /** false: run as in a browser without WebAssembly stack switching (tests of that path). */
  stackSwitching?: boolean;
}

/** Whether this page can give its workers shared memory (SharedArrayBuffer in a cross-origin isolated page). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated === true;
}

export function createSharedMemory(): SharedMemory {
  const stdinBuffer = new SharedArrayBuffer(STDIN.HEADER_BYTES + STDIN.CAPACITY);
  const shared: SharedMemory = {
    interrupt: new Int32Array(new SharedArrayBuffer(4)),
    stdinBuffer,
    stdinCtrl: new Int32Array(stdinBuffer, 0, 2),
    stdinData: new Uint8Array(stdinBuffer, STDIN.HEADER_BYTES),
    control: new Int32Array(new SharedArrayBuffer(CONTROL.SLOTS * 4)),
  };
  Atomics.store(shared.stdinCtrl, 0, STDIN.IDLE);
  return shared;
}

/** The preemption ticker of one interpreter; it sleeps (no CPU) until the thread runtime switches it on. */
export function startTicker(interrupt: SharedArrayBuffer, control: SharedArrayBuffer, name: string): Worker {
  const ticker = new Worker(TICKER_URL, { type: "module", name });
  ticker.postMessage({ interrupt, control });
  return ticker;
}

/** A new worker, already sent its init message: it loads its interpreter while the caller goes on. */
export function spawnWorker(options: SpawnOptions): Worker {
  const worker = new Worker(WORKER_URL, { type: "module", name: options.name });
  const init: ToWorker = {
    v: PROTOCOL_VERSION,
    type: "init",
    interruptBuffer: options.interrupt,
    stdinBuffer: options.stdin,
    controlBuffer: options.control,
    useSnapshot: options.useSnapshot,
    ...(options.stackSwitching === false ? { stackSwitching: false } : {}),
  };
  worker.postMessage(init);
  return worker;
}

/**
 * A page interpreter started before the runtime existed: its worker, memory and ticker, and what the worker said
 * (and any error it had) until the runtime adopted it.
 */
export interface EarlyStart {
  worker: Worker;
  shared: SharedMemory | null;
  ticker: Worker | null;
  messages: MessageEvent[];
  errors: ErrorEvent[];
}

declare global {
  var __interleavePython: EarlyStart | "claimed" | undefined;
}

/** The page's own interpreter, as the runtime (./index.ts) starts it and as the early script does. */
export function spawnPageWorker(shared: SharedMemory | null, options: { useSnapshot: boolean; stackSwitching?: boolean }): Worker {
  try {
    performance.mark("python: worker created"); // on the page's timeline with the worker's own marks (./index.ts)
  } catch {
    // no User Timing: no mark
  }
  return spawnWorker({
    name: "python",
    interrupt: shared ? (shared.interrupt.buffer as SharedArrayBuffer) : null,
    control: shared ? (shared.control.buffer as SharedArrayBuffer) : null,
    stdin: shared ? shared.stdinBuffer : null,
    ...options,
  });
}

/**
 * Starts the page's interpreter now, unless the runtime has already started one; the runtime takes it over with
 * `claimEarlyStart`. Messages are kept until then (nothing is parsed here: the runtime parses them on adoption).
 */
export function startEarly(): void {
  if (globalThis.__interleavePython !== undefined || typeof Worker !== "function") return;
  const shared = canShareMemory() ? createSharedMemory() : null;
  const ticker = shared ? startTicker(shared.interrupt.buffer as SharedArrayBuffer, shared.control.buffer as SharedArrayBuffer, "python-ticker") : null;
  const worker = spawnPageWorker(shared, { useSnapshot: true });
  const early: EarlyStart = { worker, shared, ticker, messages: [], errors: [] };
  worker.onmessage = (event) => early.messages.push(event);
  worker.onerror = (event) => {
    event.preventDefault();
    early.errors.push(event);
  };
  globalThis.__interleavePython = early;
}

/**
 * The runtime's side of the early start: the early worker if there is one (once), and from now on the early script
 * does nothing (a late-running one must not start a second interpreter).
 */
export function claimEarlyStart(): EarlyStart | null {
  const early = globalThis.__interleavePython;
  globalThis.__interleavePython = "claimed";
  if (early === undefined || early === "claimed") return null;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  return early;
}
