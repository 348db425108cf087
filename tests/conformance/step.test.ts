/**
 * Step mode (issues 12 and 16), in headless Chromium through the site's own runtime: the run pauses in the learner's
 * code (by line, or by bytecode), reports each thread's line, next instruction, locals and the globals, and waits
 * for the thread to run next. Driven here as a learner would: under the GIL model, switch threads at the one switch
 * point between a read and a write (entering a function) and get a lost update, and see the model refuse a switch
 * inside `counter += 1`; under the free-threaded model, split `counter += 1` between its bytecodes; then replay a
 * pause from the schedule string (Share, Undo) at either granularity, and stop while paused.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STEP_CHOICE, type StepUnit } from "../../lib/python/protocol";
import { parseStepState, type StepState } from "../../lib/python/traces/step";
import type { RunEvent } from "../../lib/python/client/types";
import type { PythonHarness } from "../../lib/python/harness/node";
import type { InterpreterModel } from "../../lib/python/schedule";
import { sharedHarness } from "./shared-harness";

const DIR = path.join(import.meta.dirname, "explore");
const CALL = fs.readFileSync(path.join(DIR, "counter-call.py"), "utf8");
const ONE_LINE = fs.readFileSync(path.join(DIR, "counter-one-line.py"), "utf8");
const lineOf = (code: string, text: string) => code.split("\n").findIndex((l) => l.includes(text)) + 1;
const WRITE_LINE = lineOf(CALL, "counter = tmp + 1");
const PLUS_LINE = lineOf(ONE_LINE, "        counter += 1");

const harness = sharedHarness();

type Answer = number | { choice: number; unit?: StepUnit };
type Decide = (state: StepState) => Answer;

interface StepOptions {
  schedule?: string;
  from?: number;
  unit?: StepUnit;
  model?: InterpreterModel;
  maxSteps?: number;
}

/** Runs in step mode, answering every pause with `decide`; returns the pauses seen and how the run ended. */
async function stepRun(code: string, decide: Decide, options: StepOptions = {}) {
  const pauses: StepState[] = [];
  const maxSteps = options.maxSteps ?? 1500;
  const out = await harness().run(
    {
      code,
      filename: "counter.py",
      schedule: options.schedule ?? "",
      model: options.model ?? "gil",
      step: { from: options.from ?? 0, unit: options.unit ?? "line" },
      timeoutMs: 60_000,
    },
    (event: RunEvent, h: PythonHarness) => {
      if (event.kind !== "trace" || event.name !== "step") return;
      const state = parseStepState(event.data);
      expect(state, JSON.stringify(event.data)).not.toBeNull();
      pauses.push(state!);
      const answer = pauses.length > maxSteps ? STEP_CHOICE.RUN_ON : decide(state!);
      if (typeof answer === "number") void h.step(answer);
      else void h.step(answer.choice, answer.unit);
    },
  );
  return { ...out, pauses };
}

const thread = (state: StepState, label: number) => state.threads.find((t) => t.label === label);
const nextOp = (state: StepState, label: number) => {
  const t = thread(state, label);
  return t?.bytecode?.find((b) => b.offset === t.offset)?.op;
};

/**
 * Once `atSwitch` holds (thread 1 has read the counter and not written it), everyone but thread 1 runs (the main
 * thread starts thread 2, which does all its increments) until thread 2 has finished; then thread 1 writes back its
 * stale value.
 */
function loseAnUpdate(atSwitch: (state: StepState) => boolean): Decide {
  let phase: "before" | "others" | "after" = "before";
  let seen2 = false;
  return (state) => {
    if (phase === "before" && atSwitch(state)) phase = "others";
    if (phase === "others") {
      const alive2 = thread(state, 2) !== undefined;
      seen2 ||= alive2;
      if (seen2 && !alive2) phase = "after";
      else return state.options.includes(2) ? 2 : (state.options.find((o) => o !== 1) ?? STEP_CHOICE.FOLLOW);
    }
    return STEP_CHOICE.FOLLOW;
  };
}

/** GIL model: thread 1 has read `counter` and is entering ident(): the one switch point before its write. */
const atIdentEntry = (p: StepState) => p.current === 1 && p.kind === "entry" && thread(p, 1)?.function === "ident";
/** Thread 2 has written 3; thread 1 holds its stale value (read as 0). */
const staleWrite = (p: StepState) => p.globals.some(([n, v]) => n === "counter" && v === "3") && thread(p, 1)?.state !== "running";

describe("step mode, GIL model (CPython 3.14)", () => {
  it("pauses at every line and at switch points where another thread could run; a hand-made switch at a function entry loses an update", async () => {
    const { result, stdout, stderr, pauses } = await stepRun(CALL, loseAnUpdate(atIdentEntry));
    expect(result.status, stderr).toBe("exception");
    expect(stdout).toBe("counter = 3\n");
    expect(stderr).toMatch(/AssertionError: lost update: counter is 3, not 6/);
    // Steps are numbered over every line, instruction and switch point, so the pauses (by line) have gaps but grow.
    expect(pauses.map((p) => p.step)).toEqual([...pauses.map((p) => p.step)].sort((a, b) => a - b));
    expect(pauses[0]!.threads).toEqual([expect.objectContaining({ label: 0, name: "MainThread", state: "running", line: 3 })]);
    expect(pauses[0]).toMatchObject({ decision: false, model: "gil", unit: "line", kind: "line", switchPoint: false });
    // Where thread 1 was switched out: it has read counter and entered ident(); the main thread could go on instead.
    const switched = pauses.find(atIdentEntry)!;
    expect(switched).toMatchObject({ decision: true, switchPoint: true, options: [1, 0], proposal: 1 });
    expect(switched.why).toMatch(/a switch point: entering a function/);
    expect(thread(switched, 1)).toMatchObject({ name: "Thread-1 (work)", state: "running", function: "ident" });
    expect(thread(switched, 1)!.locals).toContainEqual(["x", "0"]);
    expect(thread(switched, 0)).toMatchObject({ state: "ready", line: expect.any(Number) });
    expect(switched.globals).toContainEqual(["counter", "0"]);
    // A line pause between the read and the write is no switch point: only the running thread can go on.
    const writing = pauses.find((p) => p.current === 1 && p.kind === "line" && thread(p, 1)?.line === WRITE_LINE)!;
    expect(writing).toMatchObject({ decision: false, switchPoint: false, options: [1] });
    expect(writing.why).toMatch(/not a switch point/);
    // Later, thread 2 has done its three increments while thread 1 still holds its stale value.
    expect(pauses.find(staleWrite)!.step).toBeGreaterThan(switched.step);
    // The schedule at the last pause replays the same run without stepping.
    const last = pauses.at(-1)!;
    expect(last.schedule).toMatch(/^gil:./);
    const replay = await harness().run({ code: CALL, filename: "counter.py", schedule: last.schedule, timeoutMs: 30_000 });
    expect(replay.stdout).toBe(stdout);
    expect(replay.stderr).toMatch(/lost update: counter is 3/);
  }, 120_000);

  it("by bytecode: marks the switch points of a line, and refuses to hand the GIL over inside counter += 1", async () => {
    let inside: StepState | undefined;
    let after: StepState | undefined;
    const { stdout, stderr } = await stepRun(
      ONE_LINE,
      (state) => {
        if (after === undefined && inside !== undefined) after = state;
        if (inside === undefined && state.current === 1 && thread(state, 1)?.line === PLUS_LINE && nextOp(state, 1) === "BINARY_OP") {
          inside = state;
          return 0; // ask for the main thread between the load and the add: the GIL model keeps thread 1 running
        }
        return STEP_CHOICE.FOLLOW;
      },
      { unit: "instruction" },
    );
    expect(stderr).toBe("");
    expect(stdout).toBe("counter = 6\n");
    expect(inside).toMatchObject({ kind: "instruction", switchPoint: false, decision: false, options: [1] });
    const ops = thread(inside!, 1)!.bytecode!;
    expect(ops.map((b) => b.op)).toEqual(expect.arrayContaining(["LOAD_GLOBAL", "BINARY_OP", "STORE_GLOBAL"]));
    for (const name of ["LOAD_GLOBAL", "BINARY_OP", "STORE_GLOBAL"]) {
      expect(ops.find((b) => b.op === name)).toMatchObject({ switch: false, note: expect.stringMatching(/not a switch point/) });
    }
    // The next pause is thread 1's STORE_GLOBAL: the request was refused.
    expect(after!.current).toBe(1);
    expect(nextOp(after!, 1)).toBe("STORE_GLOBAL");
  }, 120_000);
});

describe("step mode, free-threaded model (CPython 3.14t)", () => {
  it("splits counter += 1 between its bytecodes and loses an update; Undo and links replay to the same instruction", async () => {
    const betweenLoadAndAdd = (p: StepState) => p.current === 1 && thread(p, 1)?.line === PLUS_LINE && nextOp(p, 1) === "BINARY_OP";
    const { result, stdout, stderr, pauses } = await stepRun(ONE_LINE, loseAnUpdate(betweenLoadAndAdd), { model: "free-threaded", unit: "instruction" });
    expect(result.status, stderr).toBe("exception");
    expect(stderr).toMatch(/AssertionError: lost update: counter is 3, not 6/);
    const split = pauses.find(betweenLoadAndAdd)!;
    expect(split).toMatchObject({ model: "free-threaded", kind: "bytecode", switchPoint: true, decision: true, options: [1, 0] });
    expect(thread(split, 1)!.bytecode!.every((b) => b.op === "RESUME" || b.switch)).toBe(true);
    const last = pauses.at(-1)!;
    expect(last.schedule).toMatch(/^ft:/);

    // A shared link / Undo: replaying from the start with the schedule so far pauses at the same step, same state.
    const wanted = pauses.find(staleWrite)!;
    const again = await stepRun(ONE_LINE, () => STEP_CHOICE.RUN_ON, { model: "free-threaded", unit: "instruction", schedule: wanted.schedule, from: wanted.step });
    expect(again.pauses).toHaveLength(1);
    expect(again.pauses[0]).toEqual(wanted);
    expect(again.stdout).toBe(stdout);
  }, 120_000);

  it("by line, a free-threaded run pauses once per line, at its first bytecode, where another thread may take over", async () => {
    const { pauses } = await stepRun(ONE_LINE, () => STEP_CHOICE.FOLLOW, { model: "free-threaded" });
    const plus = pauses.filter((p) => p.current === 1 && thread(p, 1)?.line === PLUS_LINE);
    expect(plus).toHaveLength(3); // once per iteration, not once per bytecode
    expect(plus[0]).toMatchObject({ kind: "bytecode", switchPoint: true, decision: true });
    expect(nextOp(plus[0]!, 1)).toBe("LOAD_GLOBAL");
  }, 120_000);
});

describe("step mode, the panel's other tools", () => {
  it("Undo and Share replay to the very pause they name, at every pause of lesson 3.1's run (print as the switch point)", async () => {
    // Lesson 3.1's "be the scheduler" example, stepped as its prose says (and as e2e/step.spec.ts does): thread 1 up to
    // the switch point after its print, then everyone else until thread 2 is done, then the rest.
    const code = fs.readFileSync(path.join(import.meta.dirname, "../../content/03.shared-state/01.race-conditions/be_the_scheduler.py"), "utf8");
    const printLine = lineOf(code, 'print(name, "read", value)');
    const afterPrint = (p: StepState) => p.current === 1 && p.kind === "call" && p.decision && thread(p, 1)?.line === printLine;
    const others = loseAnUpdate(afterPrint);
    let switched = false;
    const run = await stepRun(code, (state) => {
      switched ||= afterPrint(state);
      return switched || !state.options.includes(1) ? others(state) : 1; // thread 1 first, up to that switch point
    });
    expect(run.stdout).toContain("counter = 2 (4 if no update was lost)");
    expect(run.pauses.length).toBeGreaterThan(20);
    // Each replay must stop at the pause it names, in the same state: a replay is the same run (no timing, no
    // randomness), or Undo would land on a later step than the one it undoes to.
    const wrong: string[] = [];
    for (const wanted of run.pauses) {
      const again = await stepRun(code, () => STEP_CHOICE.RUN_ON, { schedule: wanted.schedule, from: wanted.step });
      const got = again.pauses[0];
      if (got?.step !== wanted.step || JSON.stringify(got) !== JSON.stringify(wanted)) wrong.push(`step ${wanted.step} (${wanted.schedule}) replayed to ${got?.step} (${got?.schedule})`);
    }
    expect(wrong).toEqual([]);

    // Stop at a pause (Undo stops the run before its replay) ends the run there, wherever it is paused: also at a
    // free choice, where no thread is running. The page must never see another pause of a run it stopped.
    const h = harness();
    const kinds = new Set<string>();
    const late: string[] = [];
    for (const wanted of run.pauses) {
      const kind = wanted.current === null ? "free choice" : wanted.kind;
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      let seen = 0;
      const out = await h.run({ code, filename: "be_the_scheduler.py", schedule: wanted.schedule, step: { from: wanted.step, unit: "line" }, timeoutMs: 30_000 }, (event, hh) => {
        if (event.kind !== "trace" || event.name !== "step") return;
        if (seen++ === 0) void hh.stop();
        else late.push(`stopped at step ${wanted.step} (${kind}), paused again at ${parseStepState(event.data)?.step}`);
      });
      expect(out.result.status, `Stop at step ${wanted.step} (${kind})`).toBe("interrupted");
    }
    expect([...kinds]).toContain("free choice");

    // The same in a live run, stepped by the learner's choices up to each pause in turn (e2e's Undo at the free
    // choice after thread 2 ended once showed the next pause of the run it had stopped).
    for (const wanted of run.pauses.filter((p) => p.current === null || p.kind !== "line")) {
      const others = loseAnUpdate(afterPrint);
      let switched = false;
      let stopped = false;
      const out = await h.run({ code, filename: "be_the_scheduler.py", schedule: "", step: { from: 0, unit: "line" }, timeoutMs: 30_000 }, (event, hh) => {
        if (event.kind !== "trace" || event.name !== "step") return;
        const state = parseStepState(event.data)!;
        if (stopped) late.push(`stopped live at step ${wanted.step}, paused again at ${state.step} (${state.current === null ? "free choice" : `thread ${state.current}, ${state.kind}`})`);
        else if (state.step === wanted.step) {
          stopped = true;
          void hh.stop();
        } else {
          switched ||= afterPrint(state);
          const answer = switched || !state.options.includes(1) ? others(state) : 1;
          void hh.step(typeof answer === "number" ? answer : answer.choice);
        }
      });
      expect(out.result.status, `live Stop at step ${wanted.step}: ${out.stderr}`).toBe("interrupted");
    }
    expect(late).toEqual([]);
  }, 300_000);


  it("NEXT_DECISION skips the lines where one thread alone can run; Stop while paused ends the run at once", async () => {
    let answered = 0;
    const { pauses } = await stepRun(CALL, () => (answered++ === 0 ? STEP_CHOICE.NEXT_DECISION : STEP_CHOICE.RUN_ON));
    expect(pauses).toHaveLength(2);
    expect(pauses[1]!.decision).toBe(true);
    expect(pauses[1]!.step).toBeGreaterThan(3);

    const h = harness();
    const started = Date.now();
    let stopped = false;
    const out = await h.run({ code: CALL, filename: "counter.py", schedule: "", step: { from: 5 }, timeoutMs: 30_000 }, (event, hh) => {
      if (event.kind === "trace" && event.name === "step" && !stopped) {
        stopped = true;
        void hh.stop();
      }
    });
    expect(out.result.status).toBe("interrupted");
    expect(Date.now() - started).toBeLessThan(5_000);
    // The interpreter is fine afterwards.
    const next = await h.run({ code: "print('still here')", filename: "main.py" });
    expect(next.stdout).toBe("still here\n");
  }, 120_000);

  it("describes values without running the learner's code, and locks with their owner", async () => {
    const code = [
      "import threading",
      "class Noisy:",
      "    def __init__(self):",
      "        self.n = 1",
      "    def __repr__(self):",
      "        print('repr called')",
      "        return 'Noisy!'",
      "lock = threading.Lock()",
      "thing = Noisy()",
      "data = {'a': [1, 2, 3], 'b': 'x' * 200}",
      "def work():",
      "    with lock:",
      "        x = 1",
      "t = threading.Thread(target=work)",
      "t.start()",
      "t.join()",
      "",
    ].join("\n");
    let seen: StepState | undefined;
    const { stdout } = await stepRun(code, (state) => {
      if (state.current === 1 && thread(state, 1)?.line === 13) seen = state;
      return STEP_CHOICE.FOLLOW;
    });
    expect(stdout).toBe("");
    expect(seen).toBeDefined();
    const globals = Object.fromEntries(seen!.globals);
    expect(globals.thing).toBe("Noisy(n=1)");
    expect(globals.lock).toBe("<Lock: held by thread 1>");
    expect(globals.data).toMatch(/^\{'a': \[1, 2, 3\], 'b': 'xxx.*…$/);
    expect(globals.data!.length).toBeLessThanOrEqual(80);
  }, 120_000);

  it("pauses only in the learner's files: not in code the standard library generates (a namedtuple's __new__, <string>)", async () => {
    const code = [
      "import threading",
      "from collections import namedtuple",
      "Point = namedtuple('Point', 'x y')",
      "def work():",
      "    p = Point(1, 2)",
      "    print(p.x + p.y)",
      "t = threading.Thread(target=work)",
      "t.start()",
      "t.join()",
      "",
    ].join("\n");
    const places = new Set<string>();
    const { stdout, pauses } = await stepRun(code, (state) => {
      for (const t of state.threads) if (t.file !== undefined) places.add(`${t.file}:${t.line}`);
      return STEP_CHOICE.FOLLOW;
    });
    expect(stdout).toBe("3\n");
    // The thread's own lines are there (the test sees pauses at all), and nothing outside counter.py.
    expect(places).toContain("counter.py:5");
    expect([...places].filter((p) => !p.startsWith("counter.py:")), `${pauses.length} pauses`).toEqual([]);
  }, 120_000);
});
