import { parseTraces } from "./index";
import { describe, expect, it } from "vitest";
import { describeLane, lastThreadsTrace, tickStep } from "./threads";

const trace = {
  version: 1,
  mode: "realistic",
  seed: null,
  switchIntervalMs: 5,
  switches: 3,
  preemptions: 1,
  durationMs: 100,
  truncated: false,
  threads: [
    {
      id: 1,
      name: "Thread-1 (work)",
      main: false,
      daemon: false,
      startMs: 0,
      endMs: 100,
      segments: [
        { start: 0, end: 40, state: "running" },
        { start: 40, end: 50, state: "ready" },
        { start: 50, end: 100, state: "blocked", on: "lock held by MainThread" },
      ],
      totals: { running: 40, ready: 10, blocked: 50, sleeping: 0 },
      turns: 1,
      preemptions: 1,
    },
  ],
};

describe("threads trace", () => {
  it("takes the last well-formed threads trace and ignores others", () => {
    expect(lastThreadsTrace(parseTraces([{ name: "threads", data: trace }, { name: "threads", data: { bogus: true } }, { name: "loop", data: {} }]))?.switches).toBe(3);
    expect(lastThreadsTrace(parseTraces([{ name: "threads", data: { ...trace, version: 2 } }]))).toBeNull();
  });

  it("reads the timeline of a schedule-mode or step-mode run, with its schedule", () => {
    expect(lastThreadsTrace(parseTraces([{ name: "threads", data: { ...trace, mode: "schedule", schedule: "1x2,0" } }]))?.schedule).toBe("1x2,0");
    expect(lastThreadsTrace(parseTraces([{ name: "threads", data: { ...trace, mode: "chaos" } }]))).toBeNull();
  });

  it("describes a lane in words", () => {
    expect(describeLane(trace.threads[0]! as never, 100)).toBe(
      "Thread-1 (work): running 40% of the time, waiting for the GIL 10%, blocked 50% (1 wait), sleeping 0%, 1 turn holding the GIL, preempted 1 time.",
    );
  });

  it("picks round tick steps", () => {
    expect(tickStep(100)).toBe(20);
    expect(tickStep(7)).toBe(2);
    expect(tickStep(3000)).toBe(500);
  });
});
