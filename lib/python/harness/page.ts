/**
 * The page side of `npm run py`, of the batch harness (lib/python/harness/node.ts) and of the runtime benchmarks:
 * the very same client and worker the site uses, driven from Node through Playwright. Events are forwarded to Node
 * as they happen (`run`), or consumed here with page-side timing (`measure`, for benchmarks).
 * `?snapshot=0` starts the interpreter without its memory snapshot; `?jspi=0` and `?shared=0` behave as a browser
 * without WebAssembly stack switching or without SharedArrayBuffer.
 */
import { createPythonRuntime, type RuntimeDebugState } from "../client";
import type { RunEvent, RunHandle, RunRequest, RunResult, RuntimePhase } from "../client/types";
import { FromWorkerSchema, PROTOCOL_VERSION, type StepUnit, type ToWorker } from "../protocol";

type ReadyPhase = Extract<RuntimePhase, { phase: "ready" }>;

export interface Measured {
  result: RunResult;
  /** performance.now() (ms since navigation) at the call, the first stdout, and done. */
  startedAt: number;
  firstOutputAt: number | null;
  doneAt: number;
  stdoutChars: number;
  outputMessages: number;
  /** For `stopAfterOutputMs`: when Stop was pressed and how many SIGINTs it took. */
  stoppedAt: number | null;
  stopSignals: number;
  /** The longest main-thread task seen during the run (PerformanceObserver "longtask"; 0 if none ≥ 50 ms). */
  longestTaskMs: number;
}

declare global {
  interface Window {
    interleaveHarness: {
      ready(): Promise<ReadyPhase>;
      run(request: RunRequest): Promise<RunResult>;
      sendInput(line: string): void;
      sendEof(): void;
      stop(): void;
      /** Step mode: answer the current pause (see RunHandle.step). */
      step(choice: number, unit?: StepUnit): void;
      /** Runs without forwarding events to Node; options.stopAfterOutputMs presses Stop that long after the first output. */
      measure(request: RunRequest, options?: { stopAfterOutputMs?: number }): Promise<Measured>;
      /**
       * Build time: start a worker in snapshot mode and upload the interpreter's memory to the harness server; with
       * stackSwitching false, the memory of Pyodide's flavour without it (for browsers without JSPI).
       */
      makeSnapshot(options?: { stackSwitching?: boolean }): Promise<{ bytes: number; ms: number }>;
      /** The client's state, for diagnosing a stuck run. */
      debugState(): RuntimeDebugState;
    };
    /** Exposed by Playwright: receives every event of the current run. */
    __harnessEvent?: (event: RunEvent) => void;
  }
}

const params = new URLSearchParams(location.search);
// ?jspi=0 / ?shared=0: behave as a browser without stack switching / shared memory (see RuntimeOptions.without).
const runtime = createPythonRuntime({
  snapshot: params.get("snapshot") !== "0",
  maxProcesses: Number(params.get("maxProcesses")) || undefined,
  without: { stackSwitching: params.get("jspi") === "0", sharedMemory: params.get("shared") === "0" },
});
let current: RunHandle | null = null;

let longestTask = 0;
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  }).observe({ type: "longtask" });
} catch {
  // longtask timing is Chromium-only; the benchmark reports 0 elsewhere
}

window.interleaveHarness = {
  ready() {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = runtime.phase;
        if (p.phase === "ready") resolve(p);
        else if (p.phase === "error") reject(new Error(p.message));
        else return false;
        return true;
      };
      if (check()) return;
      const off = runtime.onPhase(() => {
        if (check()) off();
      });
      runtime.preload();
    });
  },
  run(request) {
    const handle = runtime.run(request, (event) => window.__harnessEvent?.(event));
    current = handle;
    return handle.done;
  },
  sendInput(line) {
    current?.sendInput(line);
  },
  sendEof() {
    current?.sendEof();
  },
  stop() {
    current?.stop();
  },
  step(choice, unit) {
    current?.step(choice, unit);
  },
  async measure(request, options = {}) {
    longestTask = 0;
    const startedAt = performance.now();
    let firstOutputAt: number | null = null;
    let stoppedAt: number | null = null;
    let stdoutChars = 0;
    let outputMessages = 0;
    // A console-like sink: keeps the tail of the output in the DOM once per frame, as a UI would.
    const sink = document.body.appendChild(document.createElement("pre"));
    let tail = "";
    let frame = 0;
    const handle: RunHandle = runtime.run(request, (event) => {
      if (event.kind === "input-request") handle.sendEof();
      if (event.kind !== "stdout" && event.kind !== "stderr") return;
      outputMessages += 1;
      if (event.kind === "stdout") stdoutChars += event.text.length;
      tail = (tail + event.text).slice(-20_000);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        sink.textContent = tail;
      });
      if (firstOutputAt === null) {
        firstOutputAt = performance.now();
        if (options.stopAfterOutputMs !== undefined) {
          setTimeout(() => {
            stoppedAt = performance.now();
            handle.stop();
          }, options.stopAfterOutputMs);
        }
      }
    });
    current = handle;
    const result = await handle.done;
    const doneAt = performance.now();
    // Long tasks are reported after they end: give the observer a moment.
    await new Promise((r) => setTimeout(r, 100));
    sink.remove();
    return {
      result,
      startedAt,
      firstOutputAt,
      doneAt,
      stdoutChars,
      outputMessages,
      stoppedAt,
      stopSignals: runtime.stats.lastStopSignals,
      longestTaskMs: longestTask,
    };
  },
  debugState() {
    return runtime.debugState();
  },
  makeSnapshot(options = {}) {
    const started = performance.now();
    const worker = new Worker("/runtime/worker.mjs", { type: "module", name: "python-snapshot" });
    return new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(e.message || "the worker failed"));
      worker.onmessage = async (event: MessageEvent) => {
        const parsed = FromWorkerSchema.safeParse(event.data);
        if (!parsed.success) return;
        const msg = parsed.data;
        if (msg.type === "fatal") reject(new Error(msg.message));
        if (msg.type !== "snapshot") return;
        worker.terminate();
        const response = await fetch("/__upload", { method: "POST", body: msg.bytes as Uint8Array<ArrayBuffer> });
        if (response.ok) resolve({ bytes: msg.bytes.length, ms: Math.round(performance.now() - started) });
        else reject(new Error(`upload failed: HTTP ${response.status}`));
      };
      const init: ToWorker = { v: PROTOCOL_VERSION, type: "init", interruptBuffer: null, stdinBuffer: null, controlBuffer: null, makeSnapshot: true, ...(options.stackSwitching === false ? { stackSwitching: false } : {}) };
      worker.postMessage(init);
    });
  },
};
