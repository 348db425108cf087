/**
 * The page side of the Python runtime: one worker per page, kept across client-side navigation, running one
 * program at a time. Implements the contract in ./types.ts for the lesson runner and the headless harness alike.
 * Everything the worker sends is parsed first: the worker runs untrusted code.
 */
import { CONTROL, FromWorkerSchema, PROTOCOL_VERSION, SIGINT, STDIN, type FromWorker, type StepUnit, type ToWorker } from "../protocol";
import { parseTrace } from "../traces";
import { whenReady } from "./boot";
import { ProcessHost, startsProcesses } from "./process-host";
import { ProcessRun } from "./processes";
import { canShareMemory, claimEarlyStart, createSharedMemory, spawnPageWorker, startTicker, type SharedMemory } from "./spawn";
import type { PreloadOptions, PythonRuntime, RunEvent, RunHandle, RunRequest, RunResult, RuntimeDebugState, RuntimeOptions, RuntimePhase, RuntimeStats } from "./types";

export type * from "./types";
/** Interrupts are sometimes missed by the interpreter: Stop repeats SIGINT this often until the run ends… */
const STOP_REPEAT_MS = 100;
/** …and terminates the worker if the program has not taken its KeyboardInterrupt after this long… */
const STOP_KILL_MS = 1000;
/**
 * …or is still running this long after it took it. The clean-up a KeyboardInterrupt sets off (except and finally
 * blocks, a TaskGroup cancelling its tasks, threads being joined) runs as in CPython, where Ctrl+C waits for it; on a
 * busy machine it used to overrun the 1 s and end in a kill. A second Stop sends another SIGINT, as a second Ctrl+C
 * does (lesson 6.3 says so), and the 1 s applies to it again.
 */
const STOP_UNWIND_MS = 5000;

interface ActiveRun {
  id: number;
  onEvent: (event: RunEvent) => void;
  resolve: (result: RunResult) => void;
  started: number;
  settled: boolean;
  /** The worker waits in input() for a line. */
  awaitingInput: boolean;
  /** Lines typed before input() asked (type-ahead), and whether end of input was sent. */
  typedAhead: string[];
  eof: boolean;
  stopTimer?: ReturnType<typeof setInterval>;
  killTimer?: ReturnType<typeof setTimeout>;
  timeoutTimer?: ReturnType<typeof setTimeout>;
  /** The run's processes (multiprocessing), when the page is cross-origin isolated. */
  processes?: ProcessRun;
}

type Shared = SharedMemory;

/**
 * Puts a moment of the Python start-up on the page's performance timeline ("python: …" marks, seen in DevTools and
 * read by the benchmarks). `at` is in ms since the epoch (the worker's clock); absent means now.
 */
function markTimeline(name: string, at?: number) {
  try {
    const startTime = at === undefined ? performance.now() : at - performance.timeOrigin;
    if (startTime >= 0) performance.mark(`python: ${name}`, { startTime });
  } catch {
    // a browser without User Timing level 3: no marks
  }
}

class BrowserPythonRuntime implements PythonRuntime {
  phase: RuntimePhase = { phase: "idle" };
  readonly stats: RuntimeStats = { lastStopSignals: 0, workersStarted: 0 };
  private readonly isolated: boolean;
  constructor(private readonly options: RuntimeOptions = {}) {
    // Shared memory (SharedArrayBuffer in a cross-origin isolated page): Stop in place, blocking input(), processes.
    this.isolated = !options.without?.sharedMemory && canShareMemory();
  }
  private listeners = new Set<(p: RuntimePhase) => void>();
  private worker: Worker | null = null;
  private ticker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private shared: Shared | null = null;
  private nextId = 1;
  private active: ActiveRun | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private processHost: ProcessHost | null = null;
  private markedFirstOutput = false;

  debugState(): RuntimeDebugState {
    const shared = this.shared;
    return {
      phase: this.phase,
      activeRun: this.active?.id ?? null,
      awaitingInput: this.active?.awaitingInput ?? false,
      interrupt: shared ? Atomics.load(shared.interrupt, 0) : null,
      stdinState: shared ? Atomics.load(shared.stdinCtrl, 0) : null,
      control: shared ? Array.from(shared.control) : null,
      spareProcesses: this.processHost?.spareCount ?? 0,
      bootingProcesses: this.processHost?.bootingCount ?? 0,
    };
  }

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

  preload(options: PreloadOptions = {}) {
    const ready = this.ensureWorker();
    // Workers for the children of a program on screen that starts processes, once the interpreter itself is up (not
    // competing with it for the cores): its first Pool then starts on ready workers.
    if (options.code !== undefined && this.isolated && startsProcesses(options.code)) {
      void ready.then(() => this.processes().warm(), () => undefined);
    } else {
      void ready.catch(() => undefined);
    }
  }

  private processes(): ProcessHost {
    this.processHost ??= new ProcessHost({ useSnapshot: this.options.snapshot ?? true, maxProcesses: this.options.maxProcesses });
    return this.processHost;
  }

  /** Shared memory lives as long as the page: a restarted worker gets the same buffers (and the same ticker). */
  private sharedMemory(): Shared | null {
    if (!this.isolated) return null;
    if (!this.shared) {
      this.shared = createSharedMemory();
      // The preemption ticker for green threads; it sleeps (no CPU) until the thread runtime switches it on.
      this.ticker = startTicker(this.shared.interrupt.buffer as SharedArrayBuffer, this.shared.control.buffer as SharedArrayBuffer, "python-ticker");
    }
    return this.shared;
  }

  /** The worker the lesson page started early (./early.ts), with its memory and ticker: only for the first start. */
  private adoptEarly() {
    if (!this.options.adoptEarlyStart || this.shared || this.worker || this.stats.workersStarted > 0) return null;
    const early = claimEarlyStart();
    // The early script decides about shared memory as this runtime does (canShareMemory); a mismatch is not adopted.
    if (!early || (early.shared !== null) !== this.isolated) {
      if (early) {
        early.worker.terminate();
        early.ticker?.terminate();
      }
      return null;
    }
    this.shared = early.shared;
    this.ticker = early.ticker;
    return early;
  }

  /** The worker's messages and errors once it is ready (before that, ./boot.ts has them). */
  private attach(worker: Worker) {
    worker.onmessage = (event: MessageEvent) => {
      if (this.worker !== worker) return;
      const parsed = FromWorkerSchema.safeParse(event.data);
      if (parsed.success) this.handle(parsed.data); // the worker runs untrusted code: anything off-protocol is ignored
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker === worker) this.crash(`The interpreter crashed (${event.message || "the Python worker stopped unexpectedly"}).`);
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this.crash("The interpreter sent a message that could not be read.");
    };
  }

  private ensureWorker(): Promise<void> {
    if (this.ready) return this.ready;
    if (this.stats.workersStarted === 0) markTimeline("runtime started"); // the page's first runner is mounted
    const early = this.adoptEarly();
    const shared = early ? early.shared : this.sharedMemory();
    this.setPhase({ phase: "loading", step: "Starting the Python worker", progress: 0 });
    const worker =
      early?.worker ??
      spawnPageWorker(shared, {
        useSnapshot: this.options.snapshot ?? true,
        ...(this.options.without?.stackSwitching ? { stackSwitching: false } : {}),
      });
    this.worker = worker;
    this.stats.workersStarted += 1;
    const onPhase = (step: string, progress: number | undefined) => {
      if (this.worker === worker && this.phase.phase !== "ready") this.setPhase({ phase: "loading", step, progress });
    };
    const ready = whenReady(worker, { onPhase }, early ?? undefined).then(
      (msg) => {
        if (this.worker !== worker) throw new Error("the Python worker was replaced while it started");
        this.attach(worker);
        for (const m of msg.marks ?? []) markTimeline(m.name, m.at);
        markTimeline("ready");
        this.setPhase({ phase: "ready", jspi: msg.jspi, isolated: shared !== null, loadMs: msg.loadMs, snapshot: msg.snapshot, python: msg.python });
      },
      (err: Error) => {
        if (this.worker === worker) {
          this.ready = null;
          this.worker = null;
          this.setPhase({ phase: "error", message: err.message });
        }
        throw err;
      },
    );
    this.ready = ready;
    return ready;
  }

  private handle(msg: FromWorker) {
    if (msg.type === "phase") {
      if (this.phase.phase !== "ready") this.setPhase({ phase: "loading", step: msg.step, progress: msg.progress });
      return;
    }
    if (msg.type === "fatal") {
      this.crash(msg.message);
      return;
    }
    const run = this.active;
    if (msg.type === "proc") {
      run?.processes?.handle(run.processes.basePid, msg.op);
      return;
    }
    if (msg.type === "net") {
      run?.processes?.net.handle(run.processes.basePid, msg.op);
      return;
    }
    if (!run || !("id" in msg) || msg.id !== run.id) return;
    switch (msg.type) {
      case "output":
        if (!this.markedFirstOutput) {
          this.markedFirstOutput = true;
          markTimeline("first output");
        }
        run.onEvent({ kind: msg.stream, text: msg.text, ...run.processes?.source() });
        break;
      case "input-request":
        run.awaitingInput = true;
        run.onEvent({ kind: "input-request", prompt: msg.prompt });
        this.deliverInput(run);
        break;
      case "notice":
        run.onEvent({ kind: "notice", text: msg.text });
        break;
      case "trace":
        {
          // Checked once, here: everything above works with typed traces (lib/python/traces).
          const trace = parseTrace(msg.name, msg.data);
          if (trace) run.onEvent({ kind: "trace", ...trace });
        }
        break;
      case "done":
        this.finish(run, msg.result);
        break;
    }
  }

  /** Hands the next typed-ahead line (or end of input) to a waiting input(). */
  private deliverInput(run: ActiveRun) {
    const shared = this.shared;
    if (!shared || !run.awaitingInput || this.active !== run) return;
    const line = run.typedAhead.shift();
    if (line === undefined && !run.eof) return;
    run.awaitingInput = false;
    if (line === undefined) {
      Atomics.store(shared.stdinCtrl, 0, STDIN.EOF);
    } else {
      const bytes = new TextEncoder().encode(line);
      const length = Math.min(bytes.length, STDIN.CAPACITY);
      shared.stdinData.set(bytes.subarray(0, length));
      Atomics.store(shared.stdinCtrl, 1, length);
      Atomics.store(shared.stdinCtrl, 0, STDIN.LINE);
    }
    Atomics.notify(shared.stdinCtrl, 0);
  }

  private finish(run: ActiveRun, result: RunResult) {
    if (run.settled) return;
    run.settled = true;
    clearInterval(run.stopTimer);
    clearTimeout(run.killTimer);
    clearTimeout(run.timeoutTimer);
    run.processes?.end();
    // No Stop left over for the next program.
    if (this.shared) Atomics.store(this.shared.interrupt, 0, 0);
    if (this.active === run) this.active = null;
    run.onEvent({ kind: "done", result });
    run.resolve(result);
  }

  /** The worker is gone or unusable: end the run as killed and start a fresh interpreter for the next one. */
  private crash(reason: string, exitCode = 137) {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    if (this.shared) {
      Atomics.store(this.shared.control, CONTROL.ACTIVE, 0);
      Atomics.notify(this.shared.control, CONTROL.ACTIVE);
      Atomics.store(this.shared.interrupt, 0, 0);
      Atomics.store(this.shared.stdinCtrl, 0, STDIN.IDLE);
    }
    const run = this.active;
    if (run) {
      run.onEvent({ kind: "notice", text: `${reason} A fresh Python interpreter is starting.` });
      this.finish(run, { status: "killed", exitCode, durationMs: Math.round(performance.now() - run.started), reason });
    }
    this.setPhase({ phase: "loading", step: "Restarting Python", progress: 0 });
    void this.ensureWorker().catch(() => undefined);
  }

  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
    let resolveDone!: (r: RunResult) => void;
    const done = new Promise<RunResult>((r) => (resolveDone = r));
    const run: ActiveRun = { id: this.nextId++, onEvent, resolve: resolveDone, started: 0, settled: false, awaitingInput: false, typedAhead: [], eof: false };
    let stopped = false;

    const settleEarly = (result: RunResult) => {
      run.settled = true;
      onEvent({ kind: "done", result });
      resolveDone(result);
    };
    const start = async () => {
      try {
        await this.ensureWorker();
      } catch (err) {
        settleEarly({ status: "killed", exitCode: 1, durationMs: 0, reason: err instanceof Error ? err.message : String(err) });
        return;
      }
      if (stopped) {
        settleEarly({ status: "interrupted", exitCode: 130, durationMs: 0 });
        return;
      }
      const worker = this.worker;
      if (!worker) {
        settleEarly({ status: "killed", exitCode: 1, durationMs: 0, reason: "The Python worker is not available." });
        return;
      }
      this.active = run;
      run.started = performance.now();
      if (this.shared) {
        Atomics.store(this.shared.interrupt, 0, 0);
        Atomics.store(this.shared.stdinCtrl, 0, STDIN.IDLE);
      }
      if (this.isolated) {
        // The page is the operating system of the run's processes; the main worker learns its pid first.
        const host = this.processes();
        const filename = request.filename ?? "main.py";
        run.processes = new ProcessRun(host, { code: request.code, filename, files: request.files ?? {}, model: request.model }, (event) => {
          if (!run.settled) run.onEvent(event);
        });
        run.processes.setMainPost((m, t) => worker.postMessage(m, t ?? []));
        worker.postMessage(run.processes.mainAttach());
        // A program that will start processes gets a ready worker while its own start-up runs.
        if (startsProcesses(request.code)) host.warm();
      }
      if (request.timeoutMs) {
        const limit = request.timeoutMs;
        run.timeoutTimer = setTimeout(() => this.crash(`Time limit of ${limit / 1000} s reached: the program was stopped.`, 124), limit);
      }
      const msg: ToWorker = {
        v: PROTOCOL_VERSION,
        type: "run",
        id: run.id,
        code: request.code,
        filename: request.filename ?? "main.py",
        files: request.files ?? {},
        stdin: request.stdin ?? [],
        seed: request.seed ?? null,
        schedule: request.schedule ?? null,
        step: request.step ?? null,
        ...(request.model ? { model: request.model } : {}),
      };
      if (!this.markedFirstOutput) markTimeline("run sent");
      worker.postMessage(msg);
      await done;
    };
    this.queue = this.queue.then(start, start);

    return {
      done,
      step: (choice: number, unit?: StepUnit) => {
        if (run.settled || this.active !== run) return;
        const message: ToWorker = { v: PROTOCOL_VERSION, type: "step", id: run.id, choice, ...(unit ? { unit } : {}) };
        this.worker?.postMessage(message);
      },
      sendInput: (line: string) => {
        if (run.settled || run.eof) return;
        run.typedAhead.push(line);
        this.deliverInput(run);
      },
      sendEof: () => {
        if (run.settled) return;
        run.eof = true;
        this.deliverInput(run);
      },
      stop: () => {
        stopped = true;
        if (this.active !== run || run.settled) return;
        const shared = this.shared;
        if (!shared) {
          // No SharedArrayBuffer (WebKitGTK; a page that is not cross-origin isolated): no interrupt buffer to write.
          this.crash("This browser cannot interrupt Python in place (it gives the page no SharedArrayBuffer), so Python was restarted.");
          return;
        }
        // A Stop while an earlier one is still being delivered adds nothing; one after the program took it is a
        // second Ctrl+C.
        if (run.stopTimer !== undefined) return;
        if (run.killTimer === undefined) this.stats.lastStopSignals = 0;
        const delivered = Atomics.load(shared.control, CONTROL.INTERRUPTS);
        const taken = () => Atomics.load(shared.control, CONTROL.INTERRUPTS) !== delivered;
        run.processes?.stop(taken);
        const forceAfter = (ms: number, reason: string) => {
          clearTimeout(run.killTimer);
          run.killTimer = setTimeout(() => this.crash(reason), ms);
        };
        const signal = () => {
          // Once the program has its KeyboardInterrupt, a repeat would interrupt its clean-up (except/finally).
          if (taken()) {
            clearInterval(run.stopTimer);
            run.stopTimer = undefined;
            forceAfter(STOP_UNWIND_MS, `The program was still running ${STOP_UNWIND_MS / 1000} s after its KeyboardInterrupt, so its interpreter was stopped by force.`);
            return;
          }
          this.stats.lastStopSignals += 1;
          // A plain store: a pending preemption tick (SIGUSR1) may be overwritten, a Stop must not wait for it.
          Atomics.store(shared.interrupt, 0, SIGINT);
          if (Atomics.load(shared.stdinCtrl, 0) === STDIN.WAITING) {
            run.awaitingInput = false;
            Atomics.store(shared.stdinCtrl, 0, STDIN.INTERRUPT);
            Atomics.notify(shared.stdinCtrl, 0);
          }
        };
        signal();
        run.stopTimer = setInterval(signal, STOP_REPEAT_MS);
        forceAfter(STOP_KILL_MS, `The program did not stop within ${STOP_KILL_MS / 1000} s, so its interpreter was stopped by force.`);
      },
    };
  }
}

let singleton: BrowserPythonRuntime | undefined;

/** The page's Python runtime (one worker, created on first use and kept across client-side navigation). */
export function getPythonRuntime(): PythonRuntime {
  singleton ??= new BrowserPythonRuntime({ adoptEarlyStart: true });
  return singleton;
}

/** A runtime of its own (its own worker), e.g. for benchmarks comparing start-up options. */
export function createPythonRuntime(options: RuntimeOptions = {}): PythonRuntime & { readonly stats: RuntimeStats; debugState(): RuntimeDebugState } {
  return new BrowserPythonRuntime(options);
}
