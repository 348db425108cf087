/**
 * Issue 12's rows: race hunting (`npm run py -- f.py --explore N`) in headless Chromium through the batch harness,
 * one warm worker for every schedule. "Time to find" is from the request to the report (the interpreter is up,
 * as it is for a learner pressing Check twice), with the programs of tests/conformance/explore/.
 */
import fs from "node:fs";
import path from "node:path";
import { exploreRequest, readExploreReport } from "../lib/python/explore";
import { type PythonHarness } from "../lib/python/harness/node";
import { STEP_CHOICE } from "../lib/python/protocol";
import { atMost, inRounds, median, roundsFor, spread, withHarness, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "explore";
const DIR = path.join(import.meta.dirname, "..", "tests", "conformance", "explore");

async function hunt(h: PythonHarness, name: string, runs: number, expectFailure: boolean) {
  const code = fs.readFileSync(path.join(DIR, name), "utf8");
  const t0 = performance.now();
  const r = await h.run(exploreRequest(code, name, { runs, bound: 1, timeoutMs: 120_000 }));
  const ms = performance.now() - t0;
  const report = readExploreReport(r.stdout);
  if (report.failed !== expectFailure) throw new Error(`${name}: expected ${expectFailure ? "a failing schedule" : "no failure"}\n${r.stdout}\n${r.stderr}`);
  return { ms, schedules: report.schedules, schedule: report.schedule };
}

/**
 * Step mode through the counter: ms from each answer to the next pause (the worker's pause, its state and timeline,
 * and Playwright's round trips to Node, which a page does not pay), and an Undo: a replay from the start that
 * pauses at step `at`.
 */
async function stepping(h: PythonHarness, at: number) {
  const code = fs.readFileSync(path.join(DIR, "counter-unlocked.py"), "utf8");
  const gaps: number[] = [];
  let last = 0;
  await h.run({ code, filename: "counter.py", schedule: "", step: { from: 0 }, timeoutMs: 60_000 }, (event, hh) => {
    if (event.kind !== "trace" || event.name !== "step") return;
    const now = performance.now();
    if (last) gaps.push(now - last);
    last = performance.now();
    void hh.step(STEP_CHOICE.FOLLOW);
  });
  const t0 = performance.now();
  let undoMs = 0;
  await h.run({ code, filename: "counter.py", schedule: "", step: { from: at }, timeoutMs: 60_000 }, (event, hh) => {
    if (event.kind !== "trace" || event.name !== "step" || undoMs) return;
    undoMs = performance.now() - t0;
    void hh.step(STEP_CHOICE.RUN_ON);
  });
  return { gaps, steps: gaps.length + 1, undoMs };
}

export const explore: BenchModule = {
  name: "explore",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    return withHarness(async (h) => {
      const n = roundsFor(ctx);
      const lost: number[] = [];
      const dead: number[] = [];
      const safe: number[] = [];
      let lostAt = 0;
      let deadAt = 0;
      let safeRuns = 0;
      await inRounds(ctx, "explore", n, async () => {
        const a = await hunt(h, "counter-unlocked.py", 500, true);
        lost.push(a.ms);
        lostAt = a.schedules;
        const b = await hunt(h, "lock-order.py", 500, true);
        dead.push(b.ms);
        deadAt = b.schedules;
        const c = await hunt(h, "counter-locked.py", 150, false);
        safe.push(c.ms / c.schedules);
        safeRuns = c.schedules;
      });
      const perStep: number[] = [];
      const undo: number[] = [];
      let steps = 0;
      for (let i = 0; i < n; i++) {
        const r = await stepping(h, 30);
        perStep.push(median(r.gaps));
        undo.push(r.undoMs);
        steps = r.steps;
      }
      const m = (v: number[]) => median(v);
      return [
        { group: GROUP, name: "time to find the lost update (unlocked counter, 2 threads × 3, bound 1)", value: Math.round(m(lost)), unit: "ms", ...atMost(m(lost), 10_000), note: `found at schedule ${lostAt}; ${spread(lost)}` },
        { group: GROUP, name: "time to find the lock-order deadlock (2 threads, 2 locks, bound 1)", value: Math.round(m(dead)), unit: "ms", ...atMost(m(dead), 10_000), note: `found at schedule ${deadAt}; ${spread(dead)}` },
        { group: GROUP, name: "step mode: answer → next pause (unlocked counter)", value: Math.round(m(perStep)), unit: "ms", ...atMost(m(perStep), 100), note: `${steps} steps per session; sessions' medians: ${spread(perStep)}; includes Playwright round trips` },
        { group: GROUP, name: "step mode: Undo (replay from the start, pause at step 30)", value: Math.round(m(undo)), unit: "ms", ...atMost(m(undo), 500), note: spread(undo) },
        { group: GROUP, name: "time per schedule, locked counter (all ≤1-preemption schedules + random)", value: Math.round(m(safe) * 100) / 100, unit: "ms", note: `${safeRuns} schedules per search; ${spread(safe)}` },
      ];
    });
  },
};
