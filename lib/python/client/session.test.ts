import { describe, expect, it } from "vitest";
import type { StepState } from "../traces/step";
import { RunSession, replaySchedule, undoTarget } from "./session";
import type { PythonRuntime, RunEvent, RunHandle, RunRequest, RunResult } from "./types";

/** A runtime that records requests and lets the test play the worker's part. */
class FakeRuntime {
  runs: { request: RunRequest; emit: (e: RunEvent) => void; steps: [number, string | undefined][]; stopped: boolean }[] = [];
  readonly api: PythonRuntime = {
    phase: { phase: "idle" },
    onPhase: () => () => undefined,
    preload: () => undefined,
    run: (request, onEvent) => {
      const run = { request, emit: onEvent, steps: [] as [number, string | undefined][], stopped: false };
      this.runs.push(run);
      let settle: (r: RunResult) => void = () => undefined;
      const done = new Promise<RunResult>((r) => (settle = r));
      const handle: RunHandle = {
        step: (choice, unit) => run.steps.push([choice, unit]),
        sendInput: () => undefined,
        sendEof: () => undefined,
        stop: () => {
          run.stopped = true;
        },
        done,
      };
      const emit = run.emit;
      run.emit = (e) => {
        emit(e);
        if (e.kind === "done") settle(e.result);
      };
      return handle;
    },
  };
  get last() {
    return this.runs.at(-1)!;
  }
}

const OK: RunResult = { status: "ok", exitCode: 0, durationMs: 5 };
const INTERRUPTED: RunResult = { status: "interrupted", exitCode: 130, durationMs: 5 };

function pause(step: number, schedule: string, extra: Partial<StepState> = {}): StepState {
  return {
    step,
    decisions: 0,
    preemptions: 0,
    decision: true,
    model: "gil",
    unit: "line",
    kind: "entry",
    switchPoint: true,
    why: "",
    schedule,
    options: [1, 0],
    proposal: 1,
    current: 1,
    threads: [],
    globals: [],
    ...extra,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("a run session", () => {
  it("collects output, input requests, typed traces and the result of a run", async () => {
    const fake = new FakeRuntime();
    const session = new RunSession(() => fake.api);
    const seen: boolean[] = [];
    session.subscribe(() => seen.push(session.getSnapshot().running));
    const done = session.run({ code: "print(1)" })!;
    expect(session.run({ code: "again" })).toBeNull(); // one run at a time
    fake.last.emit({ kind: "stdout", text: "1\n" });
    fake.last.emit({ kind: "input-request", prompt: "? " });
    expect(session.getSnapshot().inputPending).toBe(true);
    session.sendInput("yes");
    expect(session.getSnapshot().inputPending).toBe(false);
    fake.last.emit({ kind: "done", result: OK });
    const { result } = await done;
    expect(result).toBe(OK);
    const snap = session.getSnapshot();
    expect(snap.running).toBe(false);
    expect(snap.output.text()).toBe("1\n? yes\n");
    expect(seen[0]).toBe(true);
  });

  it("captures stdout for a check, and keeps one console across the checks of one press", async () => {
    const fake = new FakeRuntime();
    const session = new RunSession(() => fake.api);
    const first = session.run({ code: "check" }, { captureStdout: true })!;
    fake.last.emit({ kind: "stdout", text: "VERDICT\n" });
    fake.last.emit({ kind: "stderr", text: "warning\n" });
    fake.last.emit({ kind: "done", result: OK });
    expect((await first).stdout).toBe("VERDICT\n");
    const buffer = session.getSnapshot().output;
    const second = session.run({ code: "check" }, { captureStdout: true, sameConsole: true })!;
    fake.last.emit({ kind: "done", result: OK });
    await second;
    expect(session.getSnapshot().output).toBe(buffer);
    expect(buffer.text()).toBe("warning\n");
  });
});

describe("step mode in a run session", () => {
  it("records pauses, sends the choice with the unit, and ends with how the run ended", async () => {
    const fake = new FakeRuntime();
    const session = new RunSession(() => fake.api);
    session.startStepping({ code: "threads", model: "free-threaded", seed: 5 }, { schedule: "", from: 0, unit: "line" }, null);
    expect(fake.last.request).toMatchObject({ seed: null, model: "free-threaded", schedule: "", step: { from: 0, unit: "line" } });
    fake.last.emit({ kind: "trace", name: "step", data: pause(0, "ft:") });
    expect(session.getSnapshot().step).toMatchObject({ paused: true, model: "free-threaded" });
    session.setUnit("instruction");
    session.pick(0);
    expect(fake.last.steps).toEqual([[0, "instruction"]]);
    expect(session.getSnapshot().step).toMatchObject({ paused: false, deviated: true, unit: "instruction" });
    fake.last.emit({ kind: "done", result: OK });
    await tick();
    expect(session.getSnapshot().step!.ended).toBe("Finished in 5 ms");
  });

  it("Undo while paused stops the run and replays up to the pause before, with the choices made so far", async () => {
    const fake = new FakeRuntime();
    const session = new RunSession(() => fake.api);
    session.startStepping({ code: "threads" }, { schedule: "", from: 0, unit: "line" }, null);
    const run = fake.last;
    run.emit({ kind: "trace", name: "step", data: pause(0, "gil:") });
    session.pick(1);
    run.emit({ kind: "trace", name: "step", data: pause(4, "gil:1") });
    session.pick(0);
    run.emit({ kind: "trace", name: "step", data: pause(9, "gil:1,0") });
    expect(session.undo()).toBe(true);
    expect(run.stopped).toBe(true);
    expect(fake.runs).toHaveLength(1); // not before the stopped run has ended
    run.emit({ kind: "done", result: INTERRUPTED });
    await tick();
    expect(fake.runs).toHaveLength(2);
    expect(fake.last.request).toMatchObject({ schedule: "gil:1", step: { from: 4, unit: "line" } });
    expect(session.getSnapshot().step!.pauses.map((p) => p.step)).toEqual([0]);
  });

  it("Undo follows the plan of a link while the learner keeps to it", () => {
    const step = { plan: "gil:1x2,0,2", deviated: false };
    expect(replaySchedule(step, pause(5, "gil:1x2"))).toBe("gil:1x2,0,2");
    expect(replaySchedule(step, pause(5, "gil:0"))).toBe("gil:0");
    expect(replaySchedule({ ...step, deviated: true }, pause(5, "gil:1x2"))).toBe("gil:1x2");
    const snap = { pauses: [pause(0, ""), pause(3, "")], paused: true, ended: null, plan: null, deviated: false, unit: "line" as const, model: "gil" as const };
    expect(undoTarget(snap)!.step).toBe(0);
    expect(undoTarget({ ...snap, ended: "Finished", paused: false })!.step).toBe(3);
  });

  it("closing step mode stops the run and forgets the session", async () => {
    const fake = new FakeRuntime();
    const session = new RunSession(() => fake.api);
    session.startStepping({ code: "threads" }, { schedule: "", from: 0, unit: "line" }, "gil:1");
    session.closeStepping();
    expect(fake.last.stopped).toBe(true);
    expect(session.getSnapshot().step).toBeNull();
    fake.last.emit({ kind: "done", result: INTERRUPTED });
    await tick();
    expect(session.getSnapshot().step).toBeNull();
    expect(session.linkToPause()).toBeNull();
  });
});
