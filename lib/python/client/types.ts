/**
 * The contract between the page (React runner, headless harness) and the Python runtime.
 * The runtime (lib/python/client/*) implements `PythonRuntime`; UI code consumes only these types.
 * Keep this file free of DOM and React imports so the harness and the worker can share it.
 */
import type { StepUnit } from "../protocol";
import type { InterpreterModel } from "../schedule";
import type { Trace } from "../traces";

/** What the learner asked to run. */
export interface RunRequest {
  /** Python source of the main program. */
  code: string;
  /** File name shown in tracebacks, e.g. "main.py" or "counter.py". */
  filename?: string;
  /** Extra files written next to the program before it runs (e.g. a helper module), path -> text. */
  files?: Record<string, string>;
  /** Lines fed to input() before the console is asked (a lesson's stdin preset). */
  stdin?: string[];
  /** Deterministic scheduling seed for threads; null/undefined = realistic time-sliced mode. */
  seed?: number | null;
  /** Replay this schedule ("gil:0x7,1x3,2": see lib/python/schedule.ts); "" = schedule mode without preemption. */
  schedule?: string | null;
  /**
   * Step mode (needs JSPI and threads): pause at every step from `from` on (steps count from 0 over the whole run,
   * the schedule deciding those before it), by line or by bytecode instruction, and wait for RunHandle.step. Each
   * pause arrives as a "step" trace.
   */
  step?: { from: number; unit?: StepUnit } | null;
  /** Where threads may switch: CPython 3.14 with its GIL (default) or free-threaded 3.14t. */
  model?: InterpreterModel;
  /** Hard time limit in ms (the headless runner's --timeout); undefined = none. */
  timeoutMs?: number;
}

/** Streamed while a program runs. */
export type RunEvent =
  // source/pid: the process that printed (multiprocessing), set once a run has more than one process.
  | { kind: "stdout" | "stderr"; text: string; source?: string; pid?: number }
  | { kind: "input-request"; prompt: string }
  | { kind: "notice"; text: string } // runtime messages for the learner, e.g. "Interpreter restarted"
  // Visualisation data (thread timeline, event loop, a step-mode pause), parsed on receipt (lib/python/traces);
  // pid/process: sent by a child process (multiprocessing).
  | ({ kind: "trace"; pid?: number; process?: string } & Trace)
  | { kind: "done"; result: RunResult };

export type RunStatus =
  | "ok" // finished normally (exit code 0)
  | "exit" // sys.exit(n) with n != 0 (or a non-int message)
  | "exception" // uncaught exception
  | "interrupted" // KeyboardInterrupt reached the top level (Stop, or the CLI's Ctrl+C)
  | "killed" // the worker had to be terminated (Stop did not land within 1 s, crash, out of memory, timeout)
  | "deadlock" // every thread blocked forever (threads issue)
  | "unsupported"; // the program needs what this browser lacks (stack switching, shared memory): see `needs`

export interface RunResult {
  status: RunStatus;
  /** Process-style exit code: 0 ok, 1 exception, 130 interrupted, n for sys.exit(n). */
  exitCode: number;
  durationMs: number;
  /** For "exception": the exception and the line in the learner's main file where it surfaced. */
  error?: { type: string; message: string; line?: number; filename?: string };
  /** Why a run was killed, or what an unsupported one needed, in words for the learner. */
  reason?: string;
  /** For "unsupported": threads need WebAssembly stack switching (JSPI); processes also need SharedArrayBuffer. */
  needs?: "threads" | "processes";
}

export type RuntimePhase =
  | { phase: "idle" }
  | { phase: "loading"; step: string; progress?: number } // progress 0..1 when known
  // isolated = SharedArrayBuffer available (Stop without killing, blocking input(), preemption).
  // loadMs/snapshot/python: how the interpreter started (for diagnostics and benchmarks).
  | { phase: "ready"; jspi: boolean; isolated: boolean; loadMs?: number; snapshot?: boolean; python?: string }
  | { phase: "error"; message: string };

export interface RunHandle {
  /**
   * Step mode: at a pause, run this thread next (its label), or a STEP_CHOICE code (follow, next decision, run on);
   * `unit`: step by line or by bytecode from here on.
   */
  step(choice: number, unit?: StepUnit): void;
  /** Answer the pending input() request (one line, without the newline). */
  sendInput(line: string): void;
  /** End the program's input: the pending (or next) input() raises EOFError, as after Ctrl+D. */
  sendEof(): void;
  /** Raise KeyboardInterrupt in the program; kill and restart the worker if it is still running after 1 s. */
  stop(): void;
  /** Settles when the run is over (never rejects: failures are results). */
  readonly done: Promise<RunResult>;
}

export interface PreloadOptions {
  /** The program the learner is about to run: one that starts processes gets workers for its children readied. */
  code?: string;
}

export interface PythonRuntime {
  /** Current loading state; subscribe for changes. */
  readonly phase: RuntimePhase;
  onPhase(listener: (phase: RuntimePhase) => void): () => void;
  /** Start loading the interpreter now (idempotent); given the code on screen, also what that program will need. */
  preload(options?: PreloadOptions): void;
  /** Run a program. Runs are queued: one program at a time per runtime. */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle;
}

export interface RuntimeOptions {
  /** Start the interpreter from the prebuilt memory snapshot when there is one (default true; false for benchmarks). */
  snapshot?: boolean;
  /** Live child processes allowed per run (multiprocessing; default 16). */
  maxProcesses?: number;
  /**
   * Behave as a browser without these features even where this one has them, so the fallbacks for such browsers
   * (WebKitGTK has neither; Safari before 27 has no JSPI) are tested in Chromium too.
   */
  without?: { stackSwitching?: boolean; sharedMemory?: boolean };
  /** Take over the interpreter the lesson page started while it was parsed (./early.ts), if there is one. */
  adoptEarlyStart?: boolean;
}

/** Counters for benchmarks and tests (not part of the UI contract). */
export interface RuntimeStats {
  /** SIGINTs written for the last Stop (1 = the first one landed; more = interrupts were lost and repeated). */
  lastStopSignals: number;
  /** Workers started, including restarts after a kill or crash. */
  workersStarted: number;
}

/** A snapshot of the client's state, for diagnosing a stuck harness or test. */
export interface RuntimeDebugState {
  phase: RuntimePhase;
  activeRun: number | null;
  awaitingInput: boolean;
  interrupt: number | null;
  stdinState: number | null;
  control: number[] | null;
  /** Workers ready for a run's child processes. */
  spareProcesses: number;
  /** Workers for child processes still booting (each keeps a core busy for a second or more). */
  bootingProcesses: number;
}
