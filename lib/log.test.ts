import { describe, expect, it } from "vitest";
import { formatLogLine } from "./log";

describe("structured logs", () => {
  it("writes one JSON object per event with time, level and fields", () => {
    const line = formatLogLine("warn", "auth.rate_limited", { ip: "10.0.0.1" }, new Date("2026-11-27T12:00:00Z"));
    expect(JSON.parse(line)).toEqual({ time: "2026-11-27T12:00:00.000Z", level: "warn", event: "auth.rate_limited", ip: "10.0.0.1" });
    expect(line).not.toContain("\n");
  });

  it("keeps errors readable and never lets fields overwrite the envelope or break the line", () => {
    const parsed = JSON.parse(formatLogLine("error", "x", { event: "forged", error: new TypeError("bad\nthing") })) as Record<string, { name: string; message: string }>;
    expect(parsed.event).toBe("x");
    expect(parsed.error).toMatchObject({ name: "TypeError", message: "bad\nthing" });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(JSON.parse(formatLogLine("info", "y", { cyclic }))).toMatchObject({ event: "y", note: "fields were not serialisable" });
  });
});
