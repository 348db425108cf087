import { describe, expect, it } from "vitest";
import type { RunResult } from "@/lib/python/client/types";
import { BLOCKING_MARKER, blockingRequest, checkBlockingLine, readBlocking, type BlockingReport } from "./blocking-call";

const ok = { status: "ok", exitCode: 0, durationMs: 10 } as RunResult;
const report: BlockingReport = {
  blocking: { line: 12, seconds: 0.504, text: "time.sleep(0.5)" },
  lines: [
    { line: 12, seconds: 0.504, text: "time.sleep(0.5)" },
    { line: 6, seconds: 0.0016, text: "await asyncio.sleep(seconds)" },
  ],
  threshold: 0.05,
  error: null,
};

describe("the blocking-call measurement", () => {
  it("runs the driver with the program beside it", () => {
    const r = blockingRequest("import asyncio\n", "slow.py", "def main(p, threshold): pass\n");
    expect(r.files).toEqual({ "slow.py": "import asyncio\n" });
    expect(r.code).toContain('main("slow.py", threshold=0.05)');
  });

  it("reads the report and the program's own output before it", () => {
    const read = readBlocking(`writing\nwritten\n\n${BLOCKING_MARKER}${JSON.stringify(report)}\n`, ok);
    expect(read).toMatchObject({ ok: true, output: "writing\nwritten", report: { blocking: { line: 12 } } });
    expect(readBlocking("nothing\n", { status: "killed", exitCode: 1, durationMs: 1 } as RunResult)).toMatchObject({ ok: false });
  });

  it("holds the author's line to the measurement (content:check)", () => {
    expect(checkBlockingLine(12, report)).toBeNull();
    expect(checkBlockingLine(6, report)).toMatch(/line 6 is marked as the blocking call, but the measurement finds line 12 \("time.sleep\(0.5\)", 0.50 s\)/);
    expect(checkBlockingLine(12, { ...report, blocking: null })).toMatch(/nothing blocks it/);
    expect(checkBlockingLine(12, { ...report, error: "NameError: x" })).toMatch(/failed under the measurement/);
  });
});
