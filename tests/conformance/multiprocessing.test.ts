/**
 * The multiprocessing conformance suite in headless Chromium through the site's own runtime (one browser, one
 * warm main worker; children start on the runtime's spare workers): each program in
 * tests/conformance/multiprocessing/ must give python3's verdict on this machine (see multiprocessing-spec.ts).
 */
import { describe, expect, it } from "vitest";
import { sharedHarness } from "./shared-harness";
import { judge, loadPrograms, runPython3 } from "./multiprocessing-spec";

const harness = sharedHarness();

const programs = loadPrograms();

describe("multiprocessing programs behave as on CPython (spawn)", () => {
  it("has at least 20 programs", () => {
    expect(programs.length).toBeGreaterThanOrEqual(20);
  });

  for (const program of programs) {
    it(program.name, async () => {
      const [python3, ours] = await Promise.all([
        runPython3(program, 30_000),
        harness().run({ code: program.code, filename: program.name, timeoutMs: 45_000 }),
      ]);
      const problems = judge(program, python3, { stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.result.exitCode, status: ours.result.status });
      expect(problems, problems.join("\n")).toEqual([]);
    }, 90_000);
  }
});
