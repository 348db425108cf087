/**
 * Layouts of the SharedArrayBuffers that the page, the Python worker and the ticker share. No imports: the ticker
 * worker includes this file and must stay tiny.
 */

/** Layout of the stdin SharedArrayBuffer: [state, byteLength] as Int32, then UTF-8 bytes. */
export const STDIN = {
  /** Worker waits while state is WAITING. */
  WAITING: 0,
  /** A line is in the buffer. */
  LINE: 1,
  /** End of input (Ctrl+D, or the run is over). */
  EOF: 2,
  /** Stop was pressed while input() waited. */
  INTERRUPT: 3,
  /** Between runs: nobody waits. */
  IDLE: 4,
  HEADER_BYTES: 8,
  CAPACITY: 64 * 1024,
} as const;

/**
 * Layout of the control SharedArrayBuffer (Int32 slots). The thread runtime switches preemption on and off through
 * `interleave_host.set_preemption`; the ticker worker then stores SIGUSR1 into the interrupt buffer every interval.
 */
export const CONTROL = {
  /** 1 while green threads want time-slice preemption, else 0. The ticker sleeps on this slot. */
  ACTIVE: 0,
  /** The switch interval in microseconds (sys.getswitchinterval() * 1e6). */
  INTERVAL_US: 1,
  /** Ticks delivered since the worker started (statistics for tests and benchmarks). */
  TICKS: 2,
  /**
   * KeyboardInterrupts raised because of Stop, counted by the worker (interleave_host.ack_interrupt). The page repeats
   * SIGINT only until this moves: a repeat after the program took the first one would interrupt its clean-up.
   */
  INTERRUPTS: 3,
  /**
   * Signals another process sent this one (multiprocessing: terminate(), os.kill) and that it has not yet taken: bit
   * n for signal n. The page sets a bit and rings DOORBELL in the interrupt buffer; the thread runtime takes them all
   * at once (interleave_host.take_signals) and delivers each as CPython's process would.
   */
  SIGNALS: 4,
  /** Bit n: the program set a Python handler for signal n (SIGINT's default_int_handler counts), kept by the worker. */
  HANDLED: 5,
  /** Bit n: the program set SIG_IGN for signal n. Signals in neither mask take their default action. */
  IGNORED: 6,
  SLOTS: 7,
} as const;

/**
 * The signal the page stores into a process's interrupt buffer when CONTROL.SIGNALS holds signals for it: SIGRTMAX,
 * which the thread runtime keeps for itself (a learner's handler for it is still called: see interleave._visible).
 */
export const DOORBELL = 64;

/**
 * The process table of a run (multiprocessing), written by the page only: two Int32 slots per process, at
 * (pid - basePid) * 2: its state, and its exit code once it ended (negative: killed by that signal, as in CPython).
 */
export const PROC_TABLE = {
  /** Processes per run, over its whole length (the page refuses to start more). */
  MAX_PIDS: 1024,
  FREE: 0,
  RUNNING: 1,
  EXITED: 2,
} as const;

export const SIGINT = 2;
export const SIGUSR1 = 10;
