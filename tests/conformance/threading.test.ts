/**
 * The threading conformance suite in headless Chromium, through the site's own runtime (one browser, one warm
 * worker): each program in tests/conformance/threading/ must give python3's verdict on this machine (see
 * threading-spec.ts for how outcomes are compared; deadlocks must be reported instead of hanging). A few programs
 * are also run twice under one deterministic seed: the same seed must give the same output.
 */
import { describe, expect, it } from "vitest";
import { conformsToPython3, sharedHarness } from "./shared-harness";
import { judge, loadPrograms, runPython3 } from "./threading-spec";

const harness = sharedHarness();

const programs = loadPrograms();

conformsToPython3(harness, {
  title: "threading programs behave as on CPython",
  programs,
  minimum: 30,
  python3: (program) => runPython3(program, program.expect === "deadlock" ? 3000 : 30_000),
  judge,
});

describe("the free-threaded model (CPython 3.14t: no GIL, a switch may fall between any two bytecodes)", () => {
  // No 3.14t here to compare with; what it does to these programs is what free threading is about: every
  // unlocked read-modify-write of a shared counter loses updates, with or without a call between read and write.
  const counters = programs.filter((p) => /04-counter|44-switch|45-switch|46-switch/.test(p.name));
  it("runs the four unlocked counters of the GIL table", () => {
    expect(counters.map((p) => p.name)).toHaveLength(4);
  });
  for (const program of counters) {
    it(`${program.name}: loses updates in realistic mode`, async () => {
      const ours = await harness().run({ code: program.code, filename: program.name, model: "free-threaded", timeoutMs: 45_000 });
      expect(ours.result.status, ours.stderr).toBe("ok");
      if (program.name.startsWith("04")) expect(Number(/counter: (\d+)/.exec(ours.stdout)![1])).toBeLessThan(800_000);
      else expect(ours.stdout).toBe("lost updates: some\n");
    }, 90_000);
  }
});

describe("deterministic mode", () => {
  const seeded = programs.filter((p) => /03-race|05-lock|38-dining/.test(p.name));
  for (const program of seeded) {
    it(`${program.name}: one seed, the same output twice`, async () => {
      const a = await harness().run({ code: program.code, filename: program.name, seed: 7, timeoutMs: 60_000 });
      const b = await harness().run({ code: program.code, filename: program.name, seed: 7, timeoutMs: 60_000 });
      expect(a.result.status).toBe("ok");
      expect(b.stdout).toBe(a.stdout);
      expect(b.stderr).toBe(a.stderr);
    }, 150_000);
  }
});
