import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PythonHarness, type ProgramResult } from "../../lib/python/harness/node";
import type { Outcome, Program } from "./threading-spec";

type HarnessOptions = Parameters<typeof PythonHarness.start>[0];

/**
 * One headless Chromium with a warm worker for a whole test file: started before its tests, closed after them.
 * Returns a getter, since the harness exists only once `beforeAll` has run.
 */
export function sharedHarness(options?: HarnessOptions): () => PythonHarness {
  let harness: PythonHarness | undefined;
  beforeAll(async () => {
    harness = await PythonHarness.start(options);
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error("the Python harness has not started (sharedHarness() must be called at a test file's top level)");
    return harness;
  };
}

/** A run in the browser, in the shape the specs judge python3's run in. */
export function outcomeOf(run: ProgramResult): Outcome {
  return { stdout: run.stdout, stderr: run.stderr, exitCode: run.result.exitCode, status: run.result.status };
}

export interface ConformanceSuite {
  title: string;
  programs: Program[];
  /** Fewer programs than this fails the suite (a folder that went missing must not pass as empty). */
  minimum: number;
  python3: (program: Program) => Promise<Outcome>;
  judge: (program: Program, python3: Outcome, ours: Outcome) => string[];
  /** Run python3 and the browser at once (for programs whose timing does not depend on a quiet machine). */
  together?: boolean;
  /** The interpreter model of the browser's runs (the GIL unless given). */
  model?: "gil" | "free-threaded";
}

/** A describe block with one test per program: the browser's run must get python3's verdict. */
export function conformsToPython3(harness: () => PythonHarness, suite: ConformanceSuite): void {
  describe(suite.title, () => {
    it(`has at least ${suite.minimum} programs`, () => {
      expect(suite.programs.length).toBeGreaterThanOrEqual(suite.minimum);
    });
    for (const program of suite.programs) {
      it(program.name, async () => {
        const ours = () => harness().run({ code: program.code, filename: program.name, timeoutMs: 45_000, ...(suite.model ? { model: suite.model } : {}) });
        const [python3, run] = suite.together ? await Promise.all([suite.python3(program), ours()]) : [await suite.python3(program), await ours()];
        const problems = suite.judge(program, python3, outcomeOf(run));
        expect(problems, problems.join("\n")).toEqual([]);
      }, 90_000);
    }
  });
}

/** Runs `code` (as main.py) and presses Stop 300 ms after its output first contains `marker`. */
export function stopWhenPrinted(harness: () => PythonHarness, code: string, marker: string): Promise<ProgramResult> {
  let stopped = false;
  return harness().run({ code, filename: "main.py", timeoutMs: 30_000 }, (event, h) => {
    if (!stopped && event.kind === "stdout" && event.text.includes(marker)) {
      stopped = true;
      setTimeout(() => void h.stop(), 300);
    }
  });
}

/** Asserts that `run` ended as CPython ends at a Ctrl+C nothing caught: interrupted, exit code 130, and stderr that
 *  matches `traceback` (by default: ends with KeyboardInterrupt). */
export function expectEndedLikeCtrlC(run: ProgramResult, traceback: RegExp = /KeyboardInterrupt\s*$/): void {
  expect(run.result.status).toBe("interrupted");
  expect(run.result.exitCode).toBe(130);
  expect(run.stderr).toMatch(traceback);
}
