/**
 * Schedules as data and race hunting (issues 12 and 16), in headless Chromium through the site's own runtime (one
 * browser, one warm worker; each exploration is one run that reuses that interpreter for every schedule). The
 * programs are in tests/conformance/explore/. Under the GIL model (CPython 3.14) threads switch only at its
 * eval-breaker checks, so the one-line and the two-line counters never lose an update and the counter with a call
 * between its read and write does; under the free-threaded model (3.14t) all three do. The stated bound: those
 * lost updates and the lock-order deadlock are each found with at most 1 preemption, and the locked counter passes
 * every such schedule in both models.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRequest, readVerdict } from "../../lib/content/exercise-check";
import { getCheckSupport } from "../../lib/content/exercise-support";
import { readExerciseSource } from "../../lib/content/exercise-source";
import { exploreRequest, readExploreReport } from "../../lib/python/explore";
import { sharedHarness } from "./shared-harness";
import { STEP_CHOICE } from "../../lib/python/protocol";
import { parseStepState } from "../../lib/python/traces/step";
import { formatSchedule, parseSchedule, scheduleModelProblem, scheduleProblem, type InterpreterModel } from "../../lib/python/schedule";

const DIR = path.join(import.meta.dirname, "explore");
const program = (name: string) => fs.readFileSync(path.join(DIR, name), "utf8");
const BOUND = 1;

const harness = sharedHarness();

async function explore(name: string, runs: number, model: InterpreterModel = "gil", bound = BOUND) {
  const out = await harness().run(exploreRequest(program(name), name, { runs, bound, timeoutMs: 60_000, model }));
  return { ...out, report: readExploreReport(out.stdout) };
}

async function replay(name: string, schedule: string, model: InterpreterModel = "gil") {
  const notices: string[] = [];
  const out = await harness().run({ code: program(name), filename: name, schedule, model, timeoutMs: 30_000 }, (event) => {
    if (event.kind === "notice") notices.push(event.text);
  });
  return { ...out, notices };
}

describe("schedule strings", () => {
  it("parse, format and refuse bad input", () => {
    expect(parseSchedule("gil:0x3,1,2x2")).toEqual([0, 0, 0, 1, 2, 2]);
    expect(parseSchedule("0x3,1,2x2")).toEqual([0, 0, 0, 1, 2, 2]);
    expect(formatSchedule([0, 0, 0, 1, 2, 2])).toBe("gil:0x3,1,2x2");
    expect(formatSchedule([1, 0], "free-threaded")).toBe("ft:1,0");
    expect(parseSchedule("")).toEqual([]);
    expect(parseSchedule("ft:")).toEqual([]);
    expect(scheduleProblem("0x3,,1")).toMatch(/THREAD or THREADxCOUNT/);
    expect(scheduleProblem("1x0")).toMatch(/at least 1/);
    expect(scheduleProblem("0x9999999,1x9999999")).toMatch(/too long/);
    expect(scheduleProblem("nogil:0x3")).toMatch(/should start with "gil:" or "ft:"/);
    expect(scheduleModelProblem("ft:1x7,0,2", "gil")).toMatch(/recorded under the free-threaded model and this run uses the GIL model/);
    expect(scheduleModelProblem("ft:1x7,0,2", "free-threaded")).toBeNull();
    expect(scheduleModelProblem("1x7,0,2", "gil")).toBeNull();
  });
});

describe("exploration finds races and deadlocks where CPython has them; schedules replay them", () => {
  const RUNS = 500;

  it.each(["counter-one-line.py", "counter-two-lines.py"])("GIL model: %s loses no update under any of 500 schedules", async (name) => {
    const { result, stdout, report } = await explore(name, RUNS, "gil", 2);
    expect(result.exitCode, stdout).toBe(0);
    expect(report.failed).toBe(false);
    expect(report.schedules).toBe(RUNS);
    expect(report.exhausted, stdout).toBe(true); // every schedule with at most 2 preemptions was among them
  }, 120_000);

  it("GIL model: the counter with a call between its read and write loses an update within 1 preemption; the schedule replays it", async () => {
    const { result, stdout, report } = await explore("counter-call.py", RUNS);
    expect(result.exitCode, stdout).toBe(1);
    expect(stdout).toMatch(/systematic search, 1 preemption\): it raised AssertionError: lost update/);
    expect(report.schedules).toBeLessThanOrEqual(50);
    const schedule = report.schedule!;
    expect(schedule).toMatch(/^gil:/);
    expect(scheduleProblem(schedule)).toBeNull();
    const counter = /\| counter = (\d+)/.exec(stdout)?.[1];

    const a = await replay("counter-call.py", schedule);
    const b = await replay("counter-call.py", schedule);
    expect(a.result.status).toBe("exception");
    expect(a.stderr).toMatch(/AssertionError: lost update/);
    expect(a.stdout).toBe(`counter = ${counter}\n`);
    expect(b.stdout).toBe(a.stdout);
    expect(a.notices.some((n) => n.startsWith(`schedule: ${schedule} (`)), a.notices.join("\n")).toBe(true);
  }, 120_000);

  it.each(["counter-one-line.py", "counter-two-lines.py", "counter-call.py"])(
    "free-threaded model: %s loses an update within 1 preemption, and the schedule replays it (and is refused under the GIL model)",
    async (name) => {
      const { result, stdout, report } = await explore(name, RUNS, "free-threaded");
      expect(result.exitCode, stdout).toBe(1);
      expect(stdout).toMatch(/systematic search, 1 preemption\): it raised AssertionError: lost update/);
      expect(stdout).toMatch(/--model free-threaded --schedule ft:/);
      const schedule = report.schedule!;
      expect(schedule).toMatch(/^ft:/);
      const again = await replay(name, schedule, "free-threaded");
      expect(again.result.status).toBe("exception");
      expect(again.stderr).toMatch(/AssertionError: lost update/);
      const refused = await replay(name, schedule, "gil");
      expect(refused.result).toMatchObject({ status: "exit", exitCode: 2 });
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(/recorded under the free-threaded model .* and this run uses the GIL model/);
    },
    120_000,
  );

  it.each(["gil", "free-threaded"] as const)("%s model: the locked counter passes every schedule with at most 1 preemption (and random ones)", async (model) => {
    const { result, stdout, report } = await explore("counter-locked.py", 150, model);
    expect(result.exitCode, stdout).toBe(0);
    expect(report.failed).toBe(false);
    expect(report.schedules).toBe(150);
    expect(stdout).toMatch(/, \d+ random/);
  }, 120_000);

  it("finds the lock-order deadlock (a switch right after the first lock is taken), and its schedule replays as a deadlock", async () => {
    const { result, stdout, report } = await explore("lock-order.py", 200);
    expect(result.exitCode, stdout).toBe(1);
    expect(stdout).toMatch(/systematic search, 1 preemption\): the threads deadlocked under schedule gil:/);
    expect(stdout).toMatch(/Cycle: Thread-1 \(one\) -> Thread-2 \(two\) -> Thread-1 \(one\)/);
    const again = await replay("lock-order.py", report.schedule!);
    expect(again.result.status).toBe("deadlock");
    expect(again.stderr).toMatch(/Cycle: Thread-1 \(one\) -> Thread-2 \(two\)/);
  }, 120_000);

  it("the default schedule (no preemption) runs the counter correctly, and says a schedule that does not fit", async () => {
    const ok = await replay("counter-call.py", "");
    expect(ok.result.status).toBe("ok");
    expect(ok.stdout).toBe("counter = 6\n");
    const misfit = await replay("counter-call.py", "7x3");
    expect(misfit.result.status).toBe("ok");
    expect(misfit.notices.join("\n")).toMatch(/does not fit this program: at decision 1 it names thread 7/);
  }, 60_000);
});

describe("expect_thread_safe in exercise checks", () => {
  const support = getCheckSupport();
  // Lesson 7.2's "make it safe" exercise: two deposits into one Account, checked under hundreds of schedules.
  const exercise = "content/07.choosing-a-model/02.hunting-races/exercises/make-it-safe";
  const check = fs.readFileSync(`${exercise}/check.py`, "utf8");
  const { starter: unsafe, solution: safe } = readExerciseSource(exercise);

  it("fails the unlocked version with the breaking schedule, and passes the locked one", async () => {
    const bad = await harness().run(checkRequest(unsafe, check, support));
    const badVerdict = readVerdict(bad.stdout, bad.result).verdict;
    expect(badVerdict.verdict, badVerdict.message).toBe("fail");
    expect(badVerdict.message).toMatch(/Not thread-safe yet under the free-threaded model .*: the check found AssertionError: two deposits of 10 left a balance of 10/);
    expect(badVerdict.message).toMatch(/safe under the GIL model only because/);
    expect(badVerdict.message).toMatch(/The schedule that breaks it: ft:[0-9x,]+$/);

    // The one-line `+=` (no switch point between its read and write under the GIL) is refused the same way.
    const oneLine = unsafe.replace(/balance = self\.balance\n(\s+)self\.balance = balance \+ amount/, "self.balance += amount");
    expect(oneLine).not.toBe(unsafe);
    const plusEquals = await harness().run(checkRequest(oneLine, check, support));
    const plusVerdict = readVerdict(plusEquals.stdout, plusEquals.result).verdict;
    expect(plusVerdict.verdict, plusVerdict.message).toBe("fail");
    expect(plusVerdict.message).toMatch(/under the free-threaded model/);

    const good = await harness().run(checkRequest(safe, check, support));
    const goodVerdict = readVerdict(good.stdout, good.result).verdict;
    expect(goodVerdict.verdict, goodVerdict.message).toBe("pass");
  }, 120_000);

  it("the breaking schedule replays in the check program, and step mode follows it decision by decision", async () => {
    const bad = await harness().run(checkRequest(unsafe, check, support));
    const schedule = /The schedule that breaks it: (ft:[0-9x,]+)$/.exec(readVerdict(bad.stdout, bad.result).verdict.message)![1]!;

    // Under the schedule, the check runs the scenario once, and it fails the same way.
    // (A replay is for reading on the page: the verdict comes as a sentence, not as the marker Check reads.)
    const replay = await harness().run({ ...checkRequest(unsafe, check, support), schedule, model: "free-threaded" });
    expect(replay.stdout).toBe("\nThe check failed: two deposits of 10 left a balance of 10\n");

    // Step mode with the schedule as its plan: "next choice" at every pause walks through the failing run.
    const decisions: number[] = [];
    const stepped = await harness().run({ ...checkRequest(unsafe, check, support), schedule, model: "free-threaded", step: { from: 0 } }, (event, h) => {
      if (event.kind !== "trace" || event.name !== "step") return;
      const state = parseStepState(event.data)!;
      if (state.decision) decisions.push(state.proposal);
      void h.step(STEP_CHOICE.NEXT_DECISION);
    });
    expect(stepped.stdout).toBe(replay.stdout);
    const plan = parseSchedule(schedule);
    expect(decisions.slice(0, plan.length)).toEqual(plan);
  }, 120_000);
});

describe("expect_schedule_breaks: a learner hands in a schedule that breaks an invariant", () => {
  const support = getCheckSupport();
  const lesson = "content/03.shared-state/01.race-conditions";
  const check = fs.readFileSync(`${lesson}/exercises/break-the-counter/check.py`, "utf8");
  const verdict = async (schedule: string) => {
    const out = await harness().run(checkRequest(`SCHEDULE = ${JSON.stringify(schedule)}\n`, check, support));
    return readVerdict(out.stdout, out.result);
  };

  it("the check's program is the lesson's runner, line for line (so a schedule stepped there fits)", () => {
    const program = /PROGRAM = """([\s\S]*?)"""/.exec(check)![1];
    expect(program).toBe(fs.readFileSync(`${lesson}/be_the_scheduler.py`, "utf8"));
  });

  it("passes a breaking schedule; explains an empty, a harmless, a misfitting, a malformed and another model's one", async () => {
    const solution = /SCHEDULE = "([^"]+)"/.exec(readExerciseSource(`${lesson}/exercises/break-the-counter`).solution)![1]!;
    const good = await verdict(solution);
    expect(good.verdict.verdict, good.verdict.message).toBe("pass");
    expect(good.output).toMatch(new RegExp(`Under your schedule ${solution}: AssertionError: counter is [1-3]: an update was lost`));

    expect((await verdict("")).verdict.message).toMatch(/^Under the schedule \(empty: no switches\) the program did not break:\n(  (first|second) read \d\n){4}  counter = 4/);
    expect((await verdict("gil:1x2")).verdict.message).toMatch(/did not break/);
    expect((await verdict("gil:7")).verdict.message).toMatch(/At decision 1 the schedule names thread 7, but only thread 1 or 0 could run there/);
    expect((await verdict("gil:1x2,banana")).verdict.message).toMatch(/'banana' should be THREAD or THREADxCOUNT/);
    // A schedule recorded under the free-threaded model is replayed under that model, not refused.
    expect((await verdict("ft:")).verdict.message).toMatch(/^Under the schedule ft: the program did not break:/);
  }, 120_000);
});
