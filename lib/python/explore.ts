/**
 * Race hunting over a whole program (`npm run py -- f.py --explore N`, tests, bench): one run in the warm worker
 * whose main program is a small driver that calls interleave.threads._explore.main on the learner's file, so every
 * schedule reuses the same interpreter. See lib/python/py/interleave/threads/_explore.py for the search.
 */
import type { RunRequest } from "./client/types";
import type { InterpreterModel } from "./schedule";

export interface ExploreOptions {
  /** Most schedules to try. */
  runs: number;
  /** Preemption bound of the systematic search (iterative context bounding). */
  bound?: number;
  /** Seed of the random schedules mixed in. */
  seed?: number;
  /** How the file is named in the replay hint (e.g. the path the user typed). */
  shownName?: string;
  /** Where threads may switch (default: the GIL model). */
  model?: InterpreterModel;
  timeoutMs?: number;
}

export const DEFAULT_BOUND = 2;
const DRIVER = "_interleave_explore.py";

/** The run request that explores `code` (saved as `filename` beside the driver). */
export function exploreRequest(code: string, filename: string, options: ExploreOptions): RunRequest {
  const { runs, bound = DEFAULT_BOUND, seed = 0 } = options;
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--explore needs a positive whole number of schedules");
  if (!Number.isInteger(bound) || bound < 0) throw new Error("--bound needs a whole number, 0 or more");
  if (!Number.isInteger(seed)) throw new Error("the seed must be a whole number");
  if (filename === DRIVER) throw new Error(`${DRIVER} is the explorer's own file name; rename the program`);
  const model = options.model ?? "gil";
  const args = [
    JSON.stringify(filename),
    `runs=${runs}`,
    `bound=${bound}`,
    `seed=${seed}`,
    `shown_name=${JSON.stringify(options.shownName ?? filename)}`,
    `model=${JSON.stringify(model)}`,
  ];
  return {
    code: `import sys\nfrom interleave.threads import _explore\nsys.exit(_explore.main(${args.join(", ")}))\n`,
    filename: DRIVER,
    files: { [filename]: code },
    timeoutMs: options.timeoutMs,
    model,
  };
}

/** What the driver printed, read back: the failing schedule, if any. */
export function readExploreReport(stdout: string): { schedules: number; failed: boolean; schedule: string | null; exhausted: boolean } {
  const summary = /^explored (\d+) schedules?/m.exec(stdout);
  const schedule = /^schedule: (.*)$/m.exec(stdout);
  return {
    schedules: summary ? Number(summary[1]) : 0,
    failed: /^FAILED at schedule/m.test(stdout),
    schedule: schedule ? schedule[1]!.trim() : null,
    exhausted: /: all \d+ schedules? with at most/m.test(stdout),
  };
}
