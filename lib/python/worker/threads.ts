/**
 * The JavaScript half of the green-thread runtime (lib/python/py/interleave/threads). Python decides who runs;
 * this file does what only JavaScript can: park a thread on a promise and resume it by resolving that promise
 * directly (no setTimeout: switching through timers cost 25-35 %, see RUNTIME-NOTES.md), start each thread as
 * its own promising call, keep one timer for sleeping threads, notice Stop while every thread is parked, and
 * run the SIGUSR1 ticker that preempts a busy thread.
 *
 * Registered into Pyodide as the module `interleave_threads_js`: by `setup` in the worker (an extension, see
 * ./extension.ts), and by scripts/threads-node-dev.ts under Node.
 */
import { CONTROL } from "../shared-memory";
import { warmSoon, type WorkerContext } from "./extension";

/** The few PyProxy methods used here (pyodide/ffi's PyCallable, structurally). */
export interface PyFn {
  (...args: unknown[]): unknown;
  callPromising(...args: unknown[]): Promise<unknown>;
  copy(): PyFn;
  destroy(): void;
}

export interface ThreadSupportOptions {
  /** Pyodide's interrupt buffer; without it there is no signal preemption and Stop is seen only by Python. */
  interrupt: Int32Array | null;
  /**
   * Switches the SIGUSR1 ticker (lib/python/worker/ticker.ts) on or off: while active it stores SIGUSR1 into the
   * interrupt buffer every `seconds`. Returns false when there is no ticker (no cross-origin isolation).
   */
  setPreemption?: (active: boolean, seconds: number) => boolean;
  /** Receives traces (the GIL timeline) as parsed JSON. */
  emitTrace?: (name: string, data: unknown) => void;
  /** A thread's promising call failed outside Python's own error handling (an interpreter-level failure). */
  onFatal?: (message: string) => void;
  /**
   * Where CPython's emscripten build counts down to its next look at the interrupt buffer
   * (`_Py_emscripten_signal_clock`, Python/emscripten_signal.c: every 50 eval-breaker checks), to move that look to a
   * random check: see jitterSignalClock.
   */
  signalClock?: { heap: () => Int32Array; address: number };
  /** A step-mode pause is waiting for the page (WorkerContext.stepWaiting): Stop is its to take, not watchStop's. */
  stepWaiting?: () => boolean;
  /** Another process has sent this one signals it has not taken yet (CONTROL.SIGNALS is not empty). */
  signalsPending?: () => boolean;
}

const SIGINT = 2;
const STOP_POLL_MS = 50;
const WARM_DELAY_MS = 300;

/** The module object Python imports as `interleave_threads_js`. */
export interface ThreadSupport {
  /** `onSignals` (optional): takes and delivers the signals other processes sent (see signalsPending). */
  setCallbacks(bootstrap: PyFn, onTimer: PyFn, onInterrupt: PyFn, onSignals?: PyFn): void;
  park(ident: number): Promise<void>;
  unpark(ident: number): void;
  spawn(ident: number): void;
  armTimer(ms: number): void;
  watchStop(on: boolean): void;
  canTick(): boolean;
  setTicker(periodMs: number): void;
  jitterSignalClock(): void;
  emit(name: string, json: string): void;
  reset(): void;
}

export function createThreadSupport(options: ThreadSupportOptions): ThreadSupport {
  const parked = new Map<number, () => void>();
  let bootstrap: PyFn | null = null;
  let onTimer: PyFn | null = null;
  let onInterrupt: PyFn | null = null;
  let onSignals: PyFn | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopPoll: ReturnType<typeof setInterval> | undefined;
  let ticking = false;
  const interrupt = options.interrupt;

  const fatal = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (options.onFatal) options.onFatal(message);
    else console.error("interleave threads:", message);
  };

  const release = () => {
    for (const fn of [bootstrap, onTimer, onInterrupt, onSignals]) fn?.destroy();
    bootstrap = onTimer = onInterrupt = onSignals = null;
  };

  return {
    setCallbacks(b, t, i, s) {
      release();
      // Python hands us borrowed proxies that die when this call returns; keep our own copies.
      bootstrap = b.copy();
      onTimer = t.copy();
      onInterrupt = i.copy();
      onSignals = s ? s.copy() : null;
    },
    park(ident) {
      return new Promise<void>((resolve) => parked.set(ident, resolve));
    },
    unpark(ident) {
      const resolve = parked.get(ident);
      parked.delete(ident);
      // Resolving runs the thread's continuation as a microtask, once the caller has parked or returned.
      if (resolve) resolve();
      else fatal(new Error(`thread ${ident} resumed but not parked`));
    },
    spawn(ident) {
      // A promising call may only start when no Python runs: after the calling thread parks.
      queueMicrotask(() => {
        if (!bootstrap) return;
        bootstrap.callPromising(ident).catch(fatal);
      });
    },
    armTimer(ms) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        try {
          onTimer?.();
        } catch (err) {
          fatal(err);
        }
      }, ms);
    },
    watchStop(on) {
      // While the main thread is parked by the scheduler (every thread waiting, say), no Python runs to notice
      // Stop in the interrupt buffer: look for it here and hand it to Python.
      clearInterval(stopPoll);
      stopPoll = undefined;
      if (!on || !interrupt) return;
      stopPoll = setInterval(() => {
        // A pause of step mode waits for the page with the main thread parked: its own wait answers Stop (the
        // paused thread then delivers it). Taken here, the main thread ran on while the paused one still waited.
        if (options.stepWaiting?.()) return;
        try {
          if (Atomics.load(interrupt, 0) === SIGINT && onInterrupt) {
            Atomics.store(interrupt, 0, 0);
            onInterrupt();
          } else if (onSignals && options.signalsPending?.()) {
            // A signal from another process (terminate(), os.kill) while every thread waits: its handler runs now.
            onSignals();
          }
        } catch (err) {
          fatal(err);
        }
      }, STOP_POLL_MS);
    },
    canTick() {
      return interrupt !== null && options.setPreemption !== undefined && options.setPreemption(false, 0.005);
    },
    jitterSignalClock() {
      // Native CPython honours a GIL drop request at the first eval-breaker check after it; here the interrupt buffer
      // is read at every 50th check only. In a loop with exactly 2 checks per iteration (a call and the back-edge)
      // that look would land at the same check every time, and a switch could never fall between a read and a write
      // that only one of them separates. A random countdown after each tick puts the next look at a random check.
      const clock = options.signalClock;
      if (!clock || !clock.address) return;
      clock.heap()[clock.address >> 2] = Math.floor(Math.random() * 50);
    },
    setTicker(periodMs) {
      ticking = periodMs > 0;
      options.setPreemption?.(ticking, ticking ? periodMs / 1000 : 0.005);
    },
    emit(name, json) {
      try {
        options.emitTrace?.(name, JSON.parse(json) as unknown);
      } catch (err) {
        fatal(err);
      }
    },
    reset() {
      clearTimeout(timer);
      clearInterval(stopPoll);
      timer = stopPoll = undefined;
      if (ticking) options.setPreemption?.(false, 0.005);
      ticking = false;
      // Threads abandoned at the end of a run (they would not stop) stay parked for ever; let them go.
      parked.clear();
      release();
    },
  };
}

/** Registers the support module into a Pyodide instance. */
export function registerThreadSupport(pyodide: { registerJsModule(name: string, module: object): void }, options: ThreadSupportOptions): ThreadSupport {
  const support = createThreadSupport(options);
  pyodide.registerJsModule("interleave_threads_js", support);
  return support;
}

/** The address of `_Py_emscripten_signal_clock` in the interpreter's memory (exported by Pyodide's build), if any. */
function signalClockOf(pyodide: unknown): ThreadSupportOptions["signalClock"] {
  const mod = (pyodide as { _module?: { HEAP32?: Int32Array; __Py_emscripten_signal_clock?: unknown } })._module;
  const address = mod?.__Py_emscripten_signal_clock;
  if (!mod || typeof address !== "number" || address <= 0) return undefined;
  // The heap view is replaced when memory grows: read it at each use.
  return { heap: () => mod.HEAP32!, address };
}

/** The worker extension hook (see ./extension.ts): called once the interpreter is up, before the sandbox closes. */
export function setup(ctx: WorkerContext): void {
  const host = ctx.host as { set_preemption?: (active: boolean, seconds: number) => boolean };
  registerThreadSupport(ctx.pyodide, {
    interrupt: ctx.interrupt,
    setPreemption: ctx.control && host.set_preemption ? (active, seconds) => host.set_preemption!(active, seconds) : undefined,
    emitTrace: (name, data) => ctx.trace(name, data),
    signalClock: signalClockOf(ctx.pyodide),
    stepWaiting: ctx.stepWaiting,
    signalsPending: ctx.control ? () => Atomics.load(ctx.control!, CONTROL.SIGNALS) !== 0 : undefined,
  });
  // Compiling the run copies of threading & co. takes a few hundred ms: do it while the learner reads.
  warmSoon(ctx, "interleave.threads", WARM_DELAY_MS);
}
