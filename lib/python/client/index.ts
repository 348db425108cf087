/**
 * The page side of the Python runtime: one worker per page, kept across client-side navigation, running one
 * program at a time. Implements the contract in ./types.ts for the lesson runner and the headless harness alike.
 */
import { FromWorkerSchema, PROTOCOL_VERSION, SIGINT, STDIN, type FromWorker, type ToWorker } from "../protocol";
import type { PythonRuntime, RunEvent, RunHandle, RunRequest, RunResult, RuntimePhase } from "./types";

export type * from "./types";

const WORKER_URL = "/runtime/worker.mjs";
const STOP_REPEAT_MS = 100;
const STOP_KILL_MS = 1000;

interface ActiveRun {
  id: number;
  request: RunRequest;
  onEvent: (event: RunEvent) => void;
  resolve: (result: RunResult) => void;
  started: number;
  stopTimer?: ReturnType<typeof setInterval>;
  killTimer?: ReturnType<typeof setTimeout>;
  timeoutTimer?: ReturnType<typeof setTimeout>;
  settled: boolean;
}

class BrowserPythonRuntime implements PythonRuntime {
  phase: RuntimePhase = { phase: "idle" };
  private listeners = new Set<(p: RuntimePhase) => void>();
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private interrupt: Int32Array | null = null;
  private stdinCtrl: Int32Array | null = null;
  private stdinData: Uint8Array | null = null;
  private nextId = 1;
  private active: ActiveRun | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private restarts = 0;

  onPhase(listener: (phase: RuntimePhase) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private setPhase(phase: RuntimePhase) {
    this.phase = phase;
    for (const l of this.listeners) l(phase);
  }

  preload() {
    void this.ensureWorker();
  }

  private ensureWorker(): Promise<void> {
    if (this.ready) return this.ready;
    const isolated = typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true;
    this.interrupt = isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const stdinBuffer = isolated ? new SharedArrayBuffer(STDIN.HEADER_BYTES + STDIN.CAPACITY) : null;
    this.stdinCtrl = stdinBuffer ? new Int32Array(stdinBuffer, 0, 2) : null;
    this.stdinData = stdinBuffer ? new Uint8Array(stdinBuffer, STDIN.HEADER_BYTES) : null;
    this.setPhase({ phase: "loading", step: "Starting the Python worker", progress: 0 });
    const worker = new Worker(WORKER_URL, { type: "module", name: "python" });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent) => {
        const parsed = FromWorkerSchema.safeParse(event.data);
        if (!parsed.success) return; // the worker runs untrusted code: ignore anything off-protocol
        const msg = parsed.data;
        if (msg.type === "ready") {
          this.setPhase({ phase: "ready", jspi: msg.jspi, isolated });
          resolve();
        } else if (msg.type === "fatal" && this.phase.phase !== "ready") {
          this.setPhase({ phase: "error", message: msg.message });
          reject(new Error(msg.message));
        } else {
          this.handle(msg);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const message = event.message || "the Python worker could not be started";
        if (this.phase.phase !== "ready") {
          this.setPhase({ phase: "error", message });
          reject(new Error(message));
        } else {
          this.crash(`The interpreter crashed: ${message}`);
        }
      };
    });
    this.ready.catch(() => {
      this.ready = null;
      this.worker?.terminate();
      this.worker = null;
    });
    const init: ToWorker = { v: PROTOCOL_VERSION, type: "init", interruptBuffer: this.interrupt ? (this.interrupt.buffer as SharedArrayBuffer) : null, stdinBuffer };
    worker.postMessage(init);
    return this.ready;
  }

  private handle(msg: FromWorker) {
    const run = this.active;
    if (msg.type === "phase") {
      if (this.phase.phase !== "ready") this.setPhase({ phase: "loading", step: msg.step, progress: msg.progress });
      return;
    }
    if (msg.type === "fatal") {
      this.crash(msg.message);
      return;
    }
    if (!run || !("id" in msg) || msg.id !== run.id) return;
    if (msg.type === "output") run.onEvent({ kind: msg.stream, text: msg.text });
    else if (msg.type === "input-request") run.onEvent({ kind: "input-request", prompt: msg.prompt });
    else if (msg.type === "trace") run.onEvent({ kind: "trace", name: msg.name, data: msg.data });
    else if (msg.type === "done") this.finish(run, msg.result);
  }

  private finish(run: ActiveRun, result: RunResult) {
    if (run.settled) return;
    run.settled = true;
    clearInterval(run.stopTimer);
    clearTimeout(run.killTimer);
    clearTimeout(run.timeoutTimer);
    if (this.stdinCtrl) Atomics.store(this.stdinCtrl, 0, STDIN.EOF);
    this.active = null;
    run.onEvent({ kind: "done", result });
    run.resolve(result);
  }

  /** The worker is gone or unusable: end the run as killed and start a fresh interpreter for the next one. */
  private crash(reason: string) {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.restarts += 1;
    const run = this.active;
    if (run) {
      run.onEvent({ kind: "notice", text: `${reason} A fresh interpreter is starting.` });
      this.finish(run, { status: "killed", exitCode: 137, durationMs: Math.round(performance.now() - run.started), reason });
    }
    this.setPhase({ phase: "idle" });
    void this.ensureWorker().catch(() => undefined);
  }

  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
    let resolveDone!: (r: RunResult) => void;
    const done = new Promise<RunResult>((r) => (resolveDone = r));
    const id = this.nextId++;
    const run: ActiveRun = { id, request, onEvent, resolve: resolveDone, started: 0, settled: false };
    let stopped = false;

    const start = async () => {
      try {
        await this.ensureWorker();
      } catch (err) {
        run.settled = true;
        const result: RunResult = { status: "killed", exitCode: 1, durationMs: 0, reason: (err as Error).message };
        onEvent({ kind: "done", result });
        resolveDone(result);
        return;
      }
      if (stopped) {
        const result: RunResult = { status: "interrupted", exitCode: 130, durationMs: 0 };
        onEvent({ kind: "done", result });
        resolveDone(result);
        return;
      }
      this.active = run;
      run.started = performance.now();
      if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
      if (this.stdinCtrl) Atomics.store(this.stdinCtrl, 0, STDIN.WAITING);
      if (request.timeoutMs) run.timeoutTimer = setTimeout(() => this.crash(`Time limit of ${request.timeoutMs} ms reached.`), request.timeoutMs);
      const msg: ToWorker = {
        v: PROTOCOL_VERSION,
        type: "run",
        id,
        code: request.code,
        filename: request.filename ?? "main.py",
        files: request.files ?? {},
        stdin: request.stdin ?? [],
      };
      this.worker!.postMessage(msg);
      await done;
    };
    this.queue = this.queue.then(start, start);

    return {
      done,
      sendInput: (line: string) => {
        if (!this.stdinCtrl || !this.stdinData || this.active !== run) return;
        const bytes = new TextEncoder().encode(line);
        const length = Math.min(bytes.length, STDIN.CAPACITY);
        this.stdinData.set(bytes.subarray(0, length));
        Atomics.store(this.stdinCtrl, 1, length);
        Atomics.store(this.stdinCtrl, 0, STDIN.LINE);
        Atomics.notify(this.stdinCtrl, 0);
      },
      sendEof: () => {
        if (!this.stdinCtrl || this.active !== run) return;
        Atomics.store(this.stdinCtrl, 0, STDIN.EOF);
        Atomics.notify(this.stdinCtrl, 0);
      },
      stop: () => {
        stopped = true;
        if (this.active !== run || run.settled) return;
        if (!this.interrupt) {
          this.crash("Stopped by force (this page cannot interrupt Python without cross-origin isolation).");
          return;
        }
        // Interrupts are occasionally missed by the interpreter: repeat until the run ends, kill after 1 s.
        const signal = () => {
          Atomics.compareExchange(this.interrupt!, 0, 0, SIGINT);
          if (this.stdinCtrl && Atomics.load(this.stdinCtrl, 0) === STDIN.WAITING) {
            Atomics.store(this.stdinCtrl, 0, STDIN.INTERRUPT);
            Atomics.notify(this.stdinCtrl, 0);
          }
        };
        signal();
        run.stopTimer ??= setInterval(signal, STOP_REPEAT_MS);
        run.killTimer ??= setTimeout(() => this.crash("The program did not stop within 1 s, so its interpreter was stopped by force."), STOP_KILL_MS);
      },
    };
  }
}

let singleton: BrowserPythonRuntime | undefined;

/** The page's Python runtime (one worker, created on first use and kept across client-side navigation). */
export function getPythonRuntime(): PythonRuntime {
  singleton ??= new BrowserPythonRuntime();
  return singleton;
}
