import { describe, expect, it } from "vitest";
import type { RunResult } from "@/lib/python/client/types";
import { checkClaims, judgeOptions, OUTCOMES_MARKER, outcomesRequest, readOutcomes, type OutcomesReport } from "./possible-outputs";

const ok: RunResult = { status: "ok", exitCode: 0, durationMs: 10 } as RunResult;
const report: OutcomesReport = {
  model: "gil",
  bound: 3,
  trials: 122,
  exhausted: true,
  seconds: 1.1,
  outcomes: [
    { output: "read 0\nread 1\ncounter = 2", schedule: "gil:", preemptions: 0, count: 70, failure: null },
    { output: "read 0\nread 0\ncounter = 1", schedule: "gil:1,0x2,2", preemptions: 1, count: 52, failure: null },
  ],
};

describe("outcomesRequest", () => {
  it("runs the driver with the program beside it under its name, in the step's model", () => {
    const r = outcomesRequest("print(1)\n", "race.py", "def main(*a, **k): pass\n", { model: "free-threaded", bound: 2 });
    expect(r.files).toEqual({ "race.py": "print(1)\n" });
    expect(r.model).toBe("free-threaded");
    expect(r.code).toContain('main("race.py", runs=3000, bound=2, model="free-threaded")');
    expect(() => outcomesRequest("", "_interleave_outcomes.py", "")).toThrow(/rename/);
  });
});

describe("readOutcomes", () => {
  it("reads the report after the marker and refuses a malformed one", () => {
    const read = readOutcomes(`noise\n${OUTCOMES_MARKER}${JSON.stringify(report)}\n`, ok);
    expect(read).toMatchObject({ ok: true, report: { trials: 122 } });
    expect(readOutcomes(`${OUTCOMES_MARKER}{"model": "gil"}\n`, ok).ok).toBe(false);
    const failed = readOutcomes("", { status: "exception", exitCode: 1, durationMs: 5, error: { type: "NameError", message: "x" } } as RunResult);
    expect(failed).toEqual({ ok: false, error: "The schedule search did not finish (NameError: x)." });
  });
});

describe("judgeOptions", () => {
  it("judges each tick by what the search found, ignoring trailing spaces and newlines", () => {
    const options = ["read 0\nread 1\ncounter = 2\n", "read 0  \nread 0\ncounter = 1", "read 1\nread 1\ncounter = 2"];
    const j = judgeOptions(options, [true, false, false], report);
    expect(j.verdicts.map((v) => [v.possible, v.right])).toEqual([
      [true, true],
      [true, false],
      [false, true],
    ]);
    expect(j.verdicts[1]!.schedule).toBe("gil:1,0x2,2");
    expect(j.allRight).toBe(false);
    expect(judgeOptions(options.slice(0, 1), [true], report).others.map((o) => o.schedule)).toEqual(["gil:1,0x2,2"]);
  });
});

describe("checkClaims (content:check)", () => {
  it("holds the author's marks to the search", () => {
    expect(checkClaims([{ output: "read 0\nread 0\ncounter = 1", possible: true }, { output: "counter = 3", possible: false }], report)).toEqual([]);
    expect(checkClaims([{ output: "read 0\nread 0\ncounter = 1", possible: false }], report)[0]).toMatch(/marked impossible, but schedule gil:1,0x2,2 prints it/);
    expect(checkClaims([{ output: "counter = 3", possible: true }], report)[0]).toMatch(/marked possible, but no schedule of the 122 tried/);
  });

  it("refuses to call anything impossible when the search was not exhausted", () => {
    const partial = { ...report, exhausted: false };
    expect(checkClaims([{ output: "counter = 3", possible: false }], partial)[0]).toMatch(/cannot call an output impossible/);
    expect(checkClaims([{ output: "read 0\nread 1\ncounter = 2", possible: true }], partial)).toEqual([]);
  });
});
