import { describe, expect, it } from "vitest";
import { FromWorkerSchema, PROTOCOL_VERSION, ToWorkerSchema } from "./protocol";

describe("page ⇄ worker protocol", () => {
  it("accepts well-formed messages both ways", () => {
    expect(FromWorkerSchema.safeParse({ v: PROTOCOL_VERSION, type: "output", id: 1, stream: "stdout", text: "hi\n" }).success).toBe(true);
    expect(
      FromWorkerSchema.safeParse({ v: PROTOCOL_VERSION, type: "done", id: 1, result: { status: "exception", exitCode: 1, durationMs: 3, error: { type: "ValueError", message: "x", line: 2 } } }).success,
    ).toBe(true);
    const run = { v: PROTOCOL_VERSION, type: "run", id: 3, code: "print(1)", filename: "main.py", files: { "pkg/helper.py": "" }, stdin: [], seed: null };
    expect(ToWorkerSchema.safeParse(run).success).toBe(true);
  });

  it("drops messages of another version, unknown types and impossible values", () => {
    const bad: unknown[] = [
      { v: PROTOCOL_VERSION + 1, type: "output", id: 1, stream: "stdout", text: "x" },
      { v: PROTOCOL_VERSION, type: "navigate", url: "https://example.com" },
      { v: PROTOCOL_VERSION, type: "output", id: 1, stream: "page", text: "x" },
      { v: PROTOCOL_VERSION, type: "done", id: 1, result: { status: "ok", exitCode: 999, durationMs: 1 } },
      { v: PROTOCOL_VERSION, type: "done", id: 1, result: { status: "pwned", exitCode: 0, durationMs: 1 } },
      { v: PROTOCOL_VERSION, type: "notice", id: 1, text: "x".repeat(5000) },
      "fatal",
      null,
    ];
    for (const message of bad) expect(FromWorkerSchema.safeParse(message).success).toBe(false);
  });

  it("refuses file names that could leave the work directory", () => {
    const base = { v: PROTOCOL_VERSION, type: "run", id: 1, code: "", stdin: [], seed: null };
    expect(ToWorkerSchema.safeParse({ ...base, filename: "../x.py", files: {} }).success).toBe(false);
    expect(ToWorkerSchema.safeParse({ ...base, filename: "main.py", files: { "../../lib/x.py": "" } }).success).toBe(false);
    expect(ToWorkerSchema.safeParse({ ...base, filename: "main.py", files: { "/etc/passwd": "" } }).success).toBe(false);
  });

  it("carries a schedule only when it is one", () => {
    const base = { v: PROTOCOL_VERSION, type: "run", id: 1, code: "", filename: "main.py", files: {}, stdin: [], seed: null };
    expect(ToWorkerSchema.safeParse({ ...base, schedule: "0x7,1x3,2" }).success).toBe(true);
    expect(ToWorkerSchema.safeParse({ ...base, schedule: "" }).success).toBe(true);
    expect(ToWorkerSchema.safeParse({ ...base, schedule: null }).success).toBe(true);
    expect(ToWorkerSchema.safeParse({ ...base, schedule: "0x7;import os" }).success).toBe(false);
    expect(ToWorkerSchema.safeParse({ ...base, schedule: "1x0" }).success).toBe(false);
  });
});
