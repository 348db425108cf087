/**
 * How later parts of the runtime (threads, processes, asyncio pictures) plug into the Python worker without editing
 * it. A module lib/python/worker/<name>.ts listed in KNOWN_EXTENSIONS of scripts/build-runtime.mjs is bundled when
 * it exists; it exports `setup(ctx)`, which the worker calls once the interpreter is up and BEFORE the sandbox
 * closes the worker's global scope (so an extension can keep private references to what it needs).
 */
import type { PyodideAPI } from "pyodide";

export interface WorkerContext {
  pyodide: PyodideAPI;
  /**
   * The object Python imports as `interleave_host`. Extensions may add functions to it (learner code can import it
   * too, so only add what is harmless in a learner's hands).
   */
  host: Record<string, unknown>;
  /** Int32Array[1] shared with the page and the ticker; null without cross-origin isolation. */
  interrupt: Int32Array | null;
  /** See CONTROL in ../protocol.ts; null without cross-origin isolation. */
  control: Int32Array | null;
  /** Whether WebAssembly stack switching (JSPI) is available: callPromising / run_sync work. */
  jspi: boolean;
  /** Sends a visualisation event of the current run to the page (dropped between runs). */
  trace(name: string, data: unknown): void;
  /**
   * Whether a step-mode pause is waiting for the page's answer: its wait takes Stop's SIGINT from the interrupt
   * buffer itself (answering "stopped"), so nothing else may take it meanwhile.
   */
  stepWaiting(): boolean;
}

export interface WorkerExtensionModule {
  setup(ctx: WorkerContext): void | Promise<void>;
}

/**
 * Imports the Python package `name` (interleave.threads, .processes, .net) after `delayMs` and calls its warm(): the
 * copies of the standard modules it swaps in are compiled while the learner reads, not at their first Run. (warm()
 * does nothing if a run has started meanwhile.)
 */
export function warmSoon(ctx: WorkerContext, name: string, delayMs: number): void {
  setTimeout(() => {
    try {
      const pkg = ctx.pyodide.pyimport(name) as unknown as { warm(): void; destroy(): void };
      pkg.warm();
      pkg.destroy();
    } catch (err) {
      console.warn(`${name}: warm-up failed`, err);
    }
  }, delayMs);
}
