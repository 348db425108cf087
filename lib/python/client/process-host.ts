/**
 * The page's pool of ready Python workers that a run's child processes start on (ProcessRun, ./processes.ts, takes
 * one for each Process.start()): spares booted ahead when a page's program looks like it will start processes, boots
 * limited to one per core, finished children's interpreters reused.
 */
import { CONTROL, PROC_TABLE } from "../protocol";
import { whenReady } from "./boot";
import { spawnWorker, startTicker } from "./spawn";

/** Live child processes per run (each is a whole interpreter: tens of MB). */
export const DEFAULT_MAX_PROCESSES = 16;
/** Finished workers kept (their interpreter reset) so the next Process.start() needs no new one. */
const MAX_SPARES = 2;

/** The machine's cores as the browser reports them (os.cpu_count() in the program), at least 1. */
export const cores = () => Math.max(1, globalThis.navigator?.hardwareConcurrency || 1);

/** Whether a program looks like it will start processes (so a worker for its children is worth readying). */
export function startsProcesses(code: string): boolean {
  return /\bmultiprocessing\b|ProcessPoolExecutor/.test(code);
}

export interface ProcessHostOptions {
  useSnapshot: boolean;
  maxProcesses?: number;
}

export interface Booted {
  worker: Worker;
  /** The process's own preemption ticker (its threads are time-sliced as in the main process). */
  ticker: Worker;
  /** Its interrupt buffer and control slots (CONTROL): how signals from other processes reach it. */
  interrupt: Int32Array;
  control: Int32Array;
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
  /** Spares asked for by refill() that wait for a boot slot. */
  private spareBoots = 0;
  /**
   * Interpreters booting at once, at most: one per core. A boot keeps a core busy for about a second; a program
   * starting 16 processes at once booted 16 together, and the page's own thread, one among 17, went without a turn
   * for seconds (the hostile e2e spec measured a 4 s stall). Queued boots take no longer in all: the cores were full.
   */
  private readonly bootSlots = cores();
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
    this.keep = Math.min(MAX_SPARES, cores());
    this.refill();
  }

  /**
   * A run is over: boot spares again up to what warm() asked for. A pool's workers are terminated with it (a killed
   * interpreter is not reused), so without this the next run's `Pool(4)` would wait for cold starts — over a second
   * each on a busy machine, longer than a learner's `get(timeout=1)` (issue 24). Booting now costs no running
   * program anything: the page is idle until the next Run.
   */
  refill() {
    this.spareBoots = Math.max(0, this.keep - this.spares.length - this.booting);
    this.pump();
  }

  /** Boots what is waited for (takers first, then spares) while there are boot slots. */
  private pump() {
    while (this.booting < this.bootSlots && (this.booting < this.waiting.length || this.spareBoots > 0)) {
      if (this.booting >= this.waiting.length) this.spareBoots -= 1;
      this.boot();
    }
  }

  /** Ready workers (for tests and diagnostics). */
  get spareCount(): number {
    return this.spares.length;
  }

  /** Workers booting (for tests and diagnostics). */
  get bootingCount(): number {
    return this.booting;
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
        this.give({ worker, ticker, runs: 0, interrupt: new Int32Array(interrupt), control: new Int32Array(control) });
        this.pump();
      },
      (err: Error) => {
        this.booting -= 1;
        ticker.terminate(); // the worker was terminated by whenReady
        this.waiting.shift()?.(err);
        this.pump();
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
          this.pump();
        });
    return p;
  }

  /** A child's program ended normally: its interpreter was reset by the runner, so it can run the next child. */
  recycle(b: Booted) {
    b.worker.onmessage = null;
    b.worker.onerror = null;
    // Signals for the child that ended are not the next one's (its program publishes its own dispositions).
    for (const slot of [CONTROL.SIGNALS, CONTROL.HANDLED, CONTROL.IGNORED]) Atomics.store(b.control, slot, 0);
    this.give(b);
  }

  dispose() {
    for (const b of this.spares) stopWorker(b);
    this.spares = [];
    this.spareBoots = 0;
  }
}

export function stopWorker(b: Booted) {
  b.worker.terminate();
  b.ticker.terminate();
}
