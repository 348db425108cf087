/**
 * Schedules as data and race hunting (issue 12), in headless Chromium through the site's own runtime (one browser,
 * one warm worker; each exploration is one run that reuses that interpreter for every schedule). The programs are
 * in tests/conformance/explore/. The stated bound: the lost update and the lock-order deadlock are each found by
 * the systematic search with at most 1 preemption, and the locked counter passes every such schedule.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRequest, readVerdict } from "../../lib/content/exercise-check";
import { getCheckSupport } from "../../lib/content/exercise-support";
import { exploreRequest, readExploreReport } from "../../lib/python/explore";
import { sharedHarness } from "./shared-harness";
import { STEP_CHOICE } from "../../lib/python/protocol";
import { parseStepState } from "../../lib/python/traces/step";
import { formatSchedule, parseSchedule, scheduleProblem } from "../../lib/python/schedule";

const DIR = path.join(import.meta.dirname, "explore");
const program = (name: string) => fs.readFileSync(path.join(DIR, name), "utf8");
const BOUND = 1;

const harness = sharedHarness();

async function explore(name: string, runs: number) {
  const out = await harness().run(exploreRequest(program(name), name, { runs, bound: BOUND, timeoutMs: 60_000 }));
  return { ...out, report: readExploreReport(out.stdout) };
}

async function replay(name: string, schedule: string) {
  const notices: string[] = [];
  const out = await harness().run({ code: program(name), filename: name, schedule, timeoutMs: 30_000 }, (event) => {
    if (event.kind === "notice") notices.push(event.text);
  });
  return { ...out, notices };
}

describe("schedule strings", () => {
  it("parse, format and refuse bad input", () => {
    expect(parseSchedule("0x3,1,2x2")).toEqual([0, 0, 0, 1, 2, 2]);
    expect(formatSchedule([0, 0, 0, 1, 2, 2])).toBe("0x3,1,2x2");
    expect(parseSchedule("")).toEqual([]);
    expect(scheduleProblem("0x3,,1")).toMatch(/THREAD or THREADxCOUNT/);
    expect(scheduleProblem("1x0")).toMatch(/at least 1/);
    expect(scheduleProblem("0x9999999,1x9999999")).toMatch(/too long/);
  });
});

describe("exploration finds races and deadlocks; schedules replay them", () => {
  it(`finds the lost update of the unlocked counter within ${BOUND} preemption, and the schedule replays it`, async () => {
    const { result, stdout, report } = await explore("counter-unlocked.py", 200);
    expect(result.exitCode, stdout).toBe(1);
    expect(report.failed).toBe(true);
    expect(stdout).toMatch(/systematic search, 1 preemption\): it raised AssertionError: lost update/);
    expect(report.schedules).toBeLessThanOrEqual(50);
    const schedule = report.schedule!;
    expect(scheduleProblem(schedule)).toBeNull();
    const counter = /\| counter = (\d+)/.exec(stdout)?.[1];

    const a = await replay("counter-unlocked.py", schedule);
    const b = await replay("counter-unlocked.py", schedule);
    expect(a.result.status).toBe("exception");
    expect(a.stderr).toMatch(/AssertionError: lost update/);
    expect(a.stdout).toBe(`counter = ${counter}\n`);
    expect(b.stdout).toBe(a.stdout);
    expect(a.notices.some((n) => n.startsWith(`schedule: ${schedule} (`)), a.notices.join("\n")).toBe(true);
  }, 120_000);

  it(`passes the locked counter under every schedule with at most ${BOUND} preemption (and random ones)`, async () => {
    const { result, stdout, report } = await explore("counter-locked.py", 150);
    expect(result.exitCode, stdout).toBe(0);
    expect(report.failed).toBe(false);
    expect(report.exhausted, stdout).toBe(true);
    expect(report.schedules).toBe(150);
    expect(stdout).toMatch(/, \d+ random/);
  }, 120_000);

  it("finds the lock-order deadlock, and its schedule replays as a deadlock", async () => {
    const { result, stdout, report } = await explore("lock-order.py", 200);
    expect(result.exitCode, stdout).toBe(1);
    expect(stdout).toMatch(/systematic search, 1 preemption\): the threads deadlocked under schedule/);
    expect(stdout).toMatch(/Cycle: Thread-1 \(one\) -> Thread-2 \(two\) -> Thread-1 \(one\)/);
    const again = await replay("lock-order.py", report.schedule!);
    expect(again.result.status).toBe("deadlock");
    expect(again.stderr).toMatch(/Cycle: Thread-1 \(one\) -> Thread-2 \(two\)/);
  }, 120_000);

  it("the default schedule (no preemption) runs the unlocked counter correctly, and says a schedule that does not fit", async () => {
    const ok = await replay("counter-unlocked.py", "");
    expect(ok.result.status).toBe("ok");
    expect(ok.stdout).toBe("counter = 6\n");
    const misfit = await replay("counter-unlocked.py", "7x3");
    expect(misfit.result.status).toBe("ok");
    expect(misfit.notices.join("\n")).toMatch(/does not fit this program: at decision 1 it names thread 7/);
  }, 60_000);
});

describe("expect_thread_safe in exercise checks", () => {
  const support = getCheckSupport();
  // Lesson 7.2's "make it safe" exercise: two deposits into one Account, checked under hundreds of schedules.
  const exercise = "content/07.choosing-a-model/02.hunting-races/exercises/make-it-safe";
  const check = fs.readFileSync(`${exercise}/check.py`, "utf8");
  const unsafe = fs.readFileSync(`${exercise}/starter.py`, "utf8");
  const safe = fs.readFileSync(`${exercise}/solution.py`, "utf8");

  it("fails the unlocked version with the breaking schedule, and passes the locked one", async () => {
    const bad = await harness().run(checkRequest(unsafe, check, support));
    const badVerdict = readVerdict(bad.stdout, bad.result).verdict;
    expect(badVerdict.verdict, badVerdict.message).toBe("fail");
    expect(badVerdict.message).toMatch(/Not thread-safe yet: the check found AssertionError: two deposits of 10 left a balance of 10/);
    expect(badVerdict.message).toMatch(/The schedule that breaks it: [0-9x,]+$/);

    const good = await harness().run(checkRequest(safe, check, support));
    const goodVerdict = readVerdict(good.stdout, good.result).verdict;
    expect(goodVerdict.verdict, goodVerdict.message).toBe("pass");
  }, 120_000);

  it("the breaking schedule replays in the check program, and step mode follows it decision by decision", async () => {
    const bad = await harness().run(checkRequest(unsafe, check, support));
    const schedule = /The schedule that breaks it: ([0-9x,]+)$/.exec(readVerdict(bad.stdout, bad.result).verdict.message)![1]!;

    // Under the schedule, the check runs the scenario once, and it fails the same way.
    // (A replay is for reading on the page: the verdict comes as a sentence, not as the marker Check reads.)
    const replay = await harness().run({ ...checkRequest(unsafe, check, support), schedule });
    expect(replay.stdout).toBe("\nThe check failed: two deposits of 10 left a balance of 10\n");

    // Step mode with the schedule as its plan: "next choice" at every pause walks through the failing run.
    const decisions: number[] = [];
    const stepped = await harness().run({ ...checkRequest(unsafe, check, support), schedule, step: { from: 0 } }, (event, h) => {
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

  it("passes a breaking schedule; explains an empty, a harmless, a misfitting and a malformed one", async () => {
    const good = await verdict("1x2,0x2,2");
    expect(good.verdict.verdict, good.verdict.message).toBe("pass");
    expect(good.output).toMatch(/Under your schedule 1x2,0x2,2: AssertionError: counter is 2: an update was lost/);

    expect((await verdict("")).verdict.message).toMatch(/^Under the schedule \(empty: no switches\) the program did not break:\n  counter = 4/);
    expect((await verdict("1x2,0x2")).verdict.message).toMatch(/did not break/);
    expect((await verdict("7")).verdict.message).toMatch(/At decision 1 the schedule names thread 7, but only thread 1 or 0 could run there/);
    expect((await verdict("1x2,banana")).verdict.message).toMatch(/bad schedule .*"banana" should be THREAD or THREADxCOUNT|'banana' should be THREAD or THREADxCOUNT/);
  }, 120_000);
});
