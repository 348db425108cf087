/**
 * Step mode (issue 12), in headless Chromium through the site's own runtime: the run pauses before every line of
 * the learner's code, reports each thread's line, locals and the globals, and waits for the thread to run next.
 * Driven here as a learner would: follow the proposals, switch threads between the read and the write of a
 * counter, and get a lost update; then replay it from the schedule string (Share, Undo) and stop while paused.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STEP_CHOICE } from "../../lib/python/protocol";
import { parseStepState, type StepState } from "../../lib/python/traces/step";
import type { RunEvent } from "../../lib/python/client/types";
import type { PythonHarness } from "../../lib/python/harness/node";
import { sharedHarness } from "./shared-harness";

const DIR = path.join(import.meta.dirname, "explore");
const COUNTER = fs.readFileSync(path.join(DIR, "counter-unlocked.py"), "utf8");
const READ_LINE = COUNTER.split("\n").findIndex((l) => l.includes("tmp = counter")) + 1;
const WRITE_LINE = READ_LINE + 1;

const harness = sharedHarness();

type Decide = (state: StepState) => number;

/** Runs in step mode, answering every pause with `decide`; returns the pauses seen and how the run ended. */
async function stepRun(code: string, decide: Decide, options: { schedule?: string; from?: number; maxSteps?: number } = {}) {
  const pauses: StepState[] = [];
  const maxSteps = options.maxSteps ?? 500;
  const out = await harness().run(
    { code, filename: "counter.py", schedule: options.schedule ?? "", step: { from: options.from ?? 0 }, timeoutMs: 60_000 },
    (event: RunEvent, h: PythonHarness) => {
      if (event.kind !== "trace" || event.name !== "step") return;
      const state = parseStepState(event.data);
      expect(state, JSON.stringify(event.data)).not.toBeNull();
      pauses.push(state!);
      void h.step(pauses.length > maxSteps ? STEP_CHOICE.RUN_ON : decide(state!));
    },
  );
  return { ...out, pauses };
}

const thread = (state: StepState, label: number) => state.threads.find((t) => t.label === label);

/**
 * Thread 1 reads the counter; then everyone but thread 1 runs (the main thread starts thread 2, which does all its
 * increments) until thread 2 has finished; then thread 1 writes back its stale value.
 */
function loseAnUpdate(): Decide {
  let phase: "before" | "others" | "after" = "before";
  let seen2 = false;
  return (state) => {
    if (phase === "before" && state.current === 1 && thread(state, 1)?.line === WRITE_LINE) phase = "others";
    if (phase === "others") {
      const alive2 = thread(state, 2) !== undefined;
      seen2 ||= alive2;
      if (seen2 && !alive2) phase = "after";
      else return state.options.includes(2) ? 2 : (state.options.find((o) => o !== 1) ?? STEP_CHOICE.FOLLOW);
    }
    return STEP_CHOICE.FOLLOW;
  };
}

const atTheSwitch = (p: StepState) => p.current === 1 && thread(p, 1)?.line === WRITE_LINE;
/** Thread 2 has written 3; thread 1 is about to write its stale tmp + 1. */
const staleWrite = (p: StepState) =>
  p.globals.some(([n, v]) => n === "counter" && v === "3") && thread(p, 1)?.line === WRITE_LINE && thread(p, 1)!.locals!.some(([n, v]) => n === "tmp" && v === "0");

describe("step mode", () => {
  it("pauses at every line with each thread's line, locals and the globals; a hand-made switch loses an update", async () => {
    const { result, stdout, stderr, pauses } = await stepRun(COUNTER, loseAnUpdate());
    expect(result.status, stderr).toBe("exception");
    expect(stdout).toBe("counter = 3\n");
    expect(stderr).toMatch(/AssertionError: lost update: counter is 3, not 6/);
    // Steps are numbered from 0 without gaps, and the first is the program's first line, in the main thread alone.
    expect(pauses.map((p) => p.step)).toEqual(pauses.map((_, i) => i));
    expect(pauses[0]!.threads).toEqual([expect.objectContaining({ label: 0, name: "MainThread", state: "running", line: 2 })]);
    expect(pauses[0]!.decision).toBe(false);
    // Where thread 1 was switched out: it holds tmp, about to write it back; the main thread could go on instead.
    const switched = pauses.find(atTheSwitch)!;
    expect(switched.decision).toBe(true);
    expect(switched.options).toEqual([1, 0]);
    expect(switched.proposal).toBe(1);
    expect(thread(switched, 1)).toMatchObject({ name: "Thread-1 (work)", state: "running", function: "work" });
    expect(thread(switched, 1)!.locals).toContainEqual(["tmp", "0"]);
    expect(thread(switched, 0)).toMatchObject({ state: "ready", line: expect.any(Number) });
    expect(switched.globals).toContainEqual(["counter", "0"]);
    expect(switched.globals.find(([name]) => name === "threads")?.[1]).toMatch(/^\[<Thread>, <Thread>\]$/);
    // Later, thread 2 has done its three increments while thread 1 still holds its stale tmp.
    const later = pauses.find(staleWrite)!;
    expect(later.step).toBeGreaterThan(switched.step);
    expect(thread(later, 1)).toMatchObject({ state: "ready", line: WRITE_LINE });
    // The schedule at the last pause replays the same run without stepping.
    const last = pauses.at(-1)!;
    expect(last.schedule).not.toBe("");
    const replay = await harness().run({ code: COUNTER, filename: "counter.py", schedule: last.schedule, timeoutMs: 30_000 });
    expect(replay.stdout).toBe(stdout);
    expect(replay.stderr).toMatch(/lost update: counter is 3/);
  }, 120_000);

  it("Undo and shared links: a replay from the start pauses at step N in the same state", async () => {
    const first = await stepRun(COUNTER, loseAnUpdate());
    const at = first.pauses.findIndex(staleWrite);
    expect(at).toBeGreaterThan(0);
    const wanted = first.pauses[at]!;
    const again = await stepRun(COUNTER, () => STEP_CHOICE.RUN_ON, { schedule: first.pauses[at]!.schedule, from: at });
    expect(again.pauses).toHaveLength(1);
    expect(again.pauses[0]).toEqual(wanted);
    // Running on from there with the default policy finishes the program (the lost update is already made).
    expect(again.stdout).toBe("counter = 3\n");
  }, 120_000);

  it("NEXT_DECISION skips single-thread lines; Stop while paused ends the run at once", async () => {
    let answered = 0;
    const { pauses } = await stepRun(COUNTER, () => (answered++ === 0 ? STEP_CHOICE.NEXT_DECISION : STEP_CHOICE.RUN_ON));
    expect(pauses).toHaveLength(2);
    expect(pauses[1]!.decision).toBe(true);
    expect(pauses[1]!.step).toBeGreaterThan(3);

    const h = harness();
    const started = Date.now();
    let stopped = false;
    const out = await h.run({ code: COUNTER, filename: "counter.py", schedule: "", step: { from: 5 }, timeoutMs: 30_000 }, (event, hh) => {
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
});
