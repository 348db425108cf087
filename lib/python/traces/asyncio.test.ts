import { parseTraces } from "./index";
import { describe, expect, it } from "vitest";
import { AsyncioTraceSchema, describeStep, lastAsyncioTrace, taskStates, taskTree, type AsyncioTrace } from "./asyncio";

function sample(): AsyncioTrace {
  return {
    version: 1,
    file: "main.py",
    loops: 1,
    durationMs: 30,
    truncated: false,
    limits: { steps: 1500, tasks: 400, ranPerStep: 120, timersPerStep: 8 },
    tasks: [
      { id: 1, name: "Task-1", parent: null, created: 0, createdMs: 0, coro: "main", done: 3, outcome: "result" },
      { id: 2, name: "Task-2", parent: 1, created: 0, createdMs: 1, coro: "worker", done: 2, outcome: "result" },
      { id: 3, name: "Task-3", parent: 1, created: 0, createdMs: 1, coro: "worker", done: 2, outcome: "cancelled" },
    ],
    steps: [
      {
        loop: 1,
        t: 1,
        ready: [1],
        readyTotal: 1,
        ran: [{ task: 1, label: "Task-1", line: 7, state: "waiting", on: { kind: "gather", label: "gather(2)", tasks: [2, 3] } }],
        timers: [],
        timersTotal: 0,
      },
      {
        loop: 1,
        t: 2,
        ready: [2, 3],
        readyTotal: 2,
        ran: [
          { task: 2, label: "Task-2", line: 5, state: "waiting", on: { kind: "sleep", label: "sleep(0.01)" } },
          { task: 3, label: "Task-3", line: 5, state: "ready", on: null },
        ],
        timers: [{ at: 12, label: "sleep ends", task: 2 }],
        timersTotal: 1,
      },
      {
        loop: 1,
        t: 12,
        ready: [0, 2, 3],
        readyTotal: 3,
        ran: [
          { task: 0, label: "sleep timer of Task-2", line: null, state: "done", on: null },
          { task: 2, label: "Task-2", line: 6, state: "done", on: null },
          { task: 3, label: "Task-3", line: 6, state: "done", on: null },
        ],
        timers: [],
        timersTotal: 0,
      },
      { loop: 1, t: 13, ready: [1], readyTotal: 1, ran: [{ task: 1, label: "Task-1", line: 8, state: "done", on: null }], timers: [], timersTotal: 0 },
    ],
  };
}

describe("the asyncio trace schema", () => {
  it("accepts a well-formed trace", () => {
    expect(AsyncioTraceSchema.safeParse(sample()).success).toBe(true);
  });

  it("rejects unknown tasks, ids out of order, unknown wait kinds and oversized text", () => {
    const unknownRan = sample();
    unknownRan.steps[0]!.ran[0]!.task = 9;
    expect(AsyncioTraceSchema.safeParse(unknownRan).success).toBe(false);
    const badIds = sample();
    badIds.tasks[1]!.id = 5;
    expect(AsyncioTraceSchema.safeParse(badIds).success).toBe(false);
    const badParent = sample();
    badParent.tasks[2]!.parent = 42;
    expect(AsyncioTraceSchema.safeParse(badParent).success).toBe(false);
    const badKind = sample() as unknown as { steps: { ran: { on: { kind: string } | null }[] }[] };
    badKind.steps[0]!.ran[0]!.on!.kind = "telepathy";
    expect(AsyncioTraceSchema.safeParse(badKind).success).toBe(false);
    const long = sample();
    long.tasks[0]!.name = "x".repeat(201);
    expect(AsyncioTraceSchema.safeParse(long).success).toBe(false);
    expect(AsyncioTraceSchema.safeParse({ ...sample(), version: 2 }).success).toBe(false);
  });

  it("lastAsyncioTrace takes the last valid asyncio event and ignores others", () => {
    const good = sample();
    expect(lastAsyncioTrace(parseTraces([{ name: "asyncio", data: good }, { name: "asyncio", data: { nope: 1 } }, { name: "threads", data: good }]))).toEqual(good);
    expect(lastAsyncioTrace(parseTraces([{ name: "threads", data: good }]))).toBeNull();
  });
});

describe("derived views", () => {
  it("gives each task's state at each step", () => {
    const views = taskStates(sample());
    expect(views[0]!.map((v) => v.state)).toEqual(["running", "new", "new"]);
    expect(views[1]!.map((v) => v.state)).toEqual(["waiting", "running", "running"]);
    expect(views[1]![0]!.on?.kind).toBe("gather");
    expect(views[2]!.map((v) => v.state)).toEqual(["waiting", "running", "running"]);
    expect(views[3]!.map((v) => v.state)).toEqual(["running", "gone", "gone"]);
    expect(views[3]![0]!.line).toBe(8);
  });

  it("describes a step in words", () => {
    const text = describeStep(sample(), 1);
    expect(text).toBe(
      "Iteration 2 of 4 at 2.0 ms: Task-2 ran at line 5 and now waits on sleep(0.01); Task-3 ran at line 5 and is ready again. 1 timer pending.",
    );
    expect(describeStep(sample(), 2)).toContain("Task-3 ran and finished (cancelled)");
    expect(describeStep(sample(), 99)).toBe("");
  });

  it("builds the task tree from creators", () => {
    expect(taskTree(sample()).map(({ task, depth }) => `${depth}:${task.name}`)).toEqual(["0:Task-1", "1:Task-2", "1:Task-3"]);
  });
});
