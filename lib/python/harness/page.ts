/**
 * The page side of `npm run py` and of the batch harness (lib/python/harness/node.ts): the very same client and
 * worker the site uses, driven from Node through Playwright. Events are forwarded to Node as they happen.
 */
import { getPythonRuntime } from "../client";
import type { RunEvent, RunHandle, RunRequest, RunResult } from "../client/types";

declare global {
  interface Window {
    interleaveHarness: {
      ready(): Promise<{ phase: string; isolated: boolean; jspi: boolean }>;
      run(request: RunRequest): Promise<RunResult>;
      sendInput(line: string): void;
      sendEof(): void;
      stop(): void;
    };
    /** Exposed by Playwright: receives every event of the current run. */
    __harnessEvent?: (event: RunEvent) => void;
  }
}

const runtime = getPythonRuntime();
let current: RunHandle | null = null;

window.interleaveHarness = {
  ready() {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = runtime.phase;
        if (p.phase === "ready") resolve({ phase: p.phase, isolated: p.isolated, jspi: p.jspi });
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
    current = runtime.run(request, (event) => window.__harnessEvent?.(event));
    return current.done;
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
};
