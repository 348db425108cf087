import { parseTraces } from "./index";
import { describe, expect, it } from "vitest";
import { describeProcess, overlapMs, processesTimeline } from "./threads";

const lane = (segments: { start: number; end: number; state: "running" | "blocked" }[]) => ({
  id: 0,
  name: "MainThread",
  main: true,
  daemon: false,
  startMs: 0,
  endMs: null,
  segments,
  totals: {},
  turns: 1,
  preemptions: 0,
});

const trace = (pid: number, ppid: number, name: string, startEpochMs: number, durationMs: number, segments: Parameters<typeof lane>[0]) => ({
  name: "process",
  data: { version: 1, pid, ppid, name, startEpochMs, durationMs, threads: [lane(segments)] },
});

describe("process timeline", () => {
  it("puts processes on one wall-clock axis and measures the time two ran at once", () => {
    const timeline = processesTimeline(parseTraces([
      trace(1000, 1, "MainProcess", 10_000, 1000, [
        { start: 0, end: 100, state: "running" },
        { start: 100, end: 300, state: "blocked" },
        { start: 300, end: 900, state: "running" },
      ]),
      { name: "threads", data: {} },
      trace(1001, 1000, "Process-1", 10_200, 600, [{ start: 0, end: 600, state: "running" }]),
    ]));
    expect(timeline).not.toBeNull();
    expect(timeline!.processes.map((p) => [p.pid, p.startMs, p.endMs])).toEqual([
      [1000, 0, 1000],
      [1001, 200, 800],
    ]);
    expect(timeline!.processes[1]!.running).toEqual([{ start: 200, end: 800 }]);
    // The child runs 200-800; the parent runs 0-100 and 300-900: both at once from 300 to 800.
    expect(timeline!.overlapMs).toBe(500);
  });

  it("needs two processes, and ignores malformed traces", () => {
    expect(processesTimeline(parseTraces([trace(1000, 1, "MainProcess", 0, 10, [])]))).toBeNull();
    expect(processesTimeline(parseTraces([trace(1000, 1, "MainProcess", 0, 10, []), { name: "process", data: { version: 2 } }]))).toBeNull();
  });

  it("keeps a process ended by a signal as a lane with nothing recorded inside, and says so", () => {
    const killed = { name: "process", data: { version: 1, pid: 1001, ppid: 1000, name: "Process-1", startEpochMs: 10_100, durationMs: 400, threads: [], signal: 15 } };
    const timeline = processesTimeline(parseTraces([trace(1000, 1, "MainProcess", 10_000, 1000, [{ start: 0, end: 1000, state: "running" }]), killed]));
    expect(timeline!.processes.map((p) => [p.pid, p.startMs, p.endMs, p.signal])).toEqual([
      [1000, 0, 1000, undefined],
      [1001, 100, 500, 15],
    ]);
    expect(timeline!.processes[1]!.running).toEqual([]);
    expect(describeProcess(timeline!.processes[1]!)).toBe(
      "Process-1 (pid 1001, parent 1000): ended by SIGTERM (exit code -15) after 400 ms; a process ended by a signal leaves no record of what it did.",
    );
    // A signal number outside 1-64 is not a trace.
    expect(parseTraces([{ ...killed, data: { ...killed.data, signal: 99 } }])).toEqual([]);
  });

  it("counts overlapping spans of one process once", () => {
    expect(overlapMs([[{ start: 0, end: 10 }, { start: 5, end: 15 }], [{ start: 0, end: 3 }]])).toBe(3);
    expect(overlapMs([[{ start: 0, end: 10 }], [{ start: 10, end: 20 }]])).toBe(0);
  });
});
