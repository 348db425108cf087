import { describe, expect, it } from "vitest";
import { describePhase, describeResult, formatElapsed, resultTone } from "./run-status";

describe("describeResult", () => {
  it("says how each run ended", () => {
    expect(describeResult({ status: "ok", exitCode: 0, durationMs: 41.6 })).toBe("Finished in 42 ms");
    expect(describeResult({ status: "exit", exitCode: 3, durationMs: 5 })).toBe("Exited with code 3");
    expect(describeResult({ status: "interrupted", exitCode: 130, durationMs: 5 })).toBe("Interrupted (KeyboardInterrupt)");
    expect(describeResult({ status: "killed", exitCode: 137, durationMs: 5, reason: "out of memory" })).toBe("Stopped by force: out of memory");
    expect(
      describeResult({ status: "exception", exitCode: 1, durationMs: 5, error: { type: "NameError", message: "name 'x' is not defined", line: 3 } }),
    ).toBe("Exception: NameError: name 'x' is not defined (line 3)");
    expect(describeResult({ status: "exception", exitCode: 1, durationMs: 5, error: { type: "KeyError", message: "" } })).toBe("Exception: KeyError");
    expect(describeResult({ status: "unsupported", exitCode: 1, durationMs: 5, needs: "threads" })).toBe("Not run: this browser cannot run threads yet");
  });

  it("says a syntax error's line once and does not name the file", () => {
    const r = { status: "exception" as const, exitCode: 1, durationMs: 5, error: { type: "SyntaxError", message: "invalid syntax (round_robin.py, line 3)", line: 3, filename: "round_robin.py" } };
    expect(describeResult(r)).toBe("Exception: SyntaxError: invalid syntax (line 3)");
    expect(describeResult({ ...r, error: { ...r.error, type: "IndentationError", message: "expected an indented block after 'for' statement on line 2 (main.py, line 3)" } })).toBe(
      "Exception: IndentationError: expected an indented block after 'for' statement on line 2 (line 3)",
    );
    expect(describeResult({ ...r, error: { type: "ValueError", message: "bad value (see line 3)", line: 4 } })).toBe("Exception: ValueError: bad value (see line 3) (line 4)");
  });
  it("keeps a huge exception message to one short line", () => {
    const text = describeResult({ status: "exception", exitCode: 1, durationMs: 1, error: { type: "ValueError", message: `a\n${"b".repeat(5000)}` } });
    expect(text.length).toBeLessThan(230);
    expect(text).not.toContain("\n");
    expect(text.endsWith("…")).toBe(true);
  });

  it("colours only successes as success", () => {
    expect(resultTone({ status: "ok", exitCode: 0, durationMs: 1 })).toBe("ok");
    expect(resultTone({ status: "interrupted", exitCode: 130, durationMs: 1 })).toBe("neutral");
    expect(resultTone({ status: "deadlock", exitCode: 1, durationMs: 1 })).toBe("problem");
    // Not the learner's mistake: the browser lacks what the program needs.
    expect(resultTone({ status: "unsupported", exitCode: 1, durationMs: 1, needs: "processes" })).toBe("neutral");
  });
});

describe("describePhase", () => {
  it("names the loading step", () => {
    expect(describePhase({ phase: "loading", step: "Loading the Python interpreter", progress: 0.1 })).toBe("Loading the Python interpreter…");
    expect(describePhase({ phase: "ready", jspi: true, isolated: true })).toBe("Ready");
    expect(describePhase({ phase: "error", message: "boom" })).toBe("Python could not start: boom");
    expect(describePhase({ phase: "error", message: "Python could not start: boom" })).toBe("Python could not start: boom");
  });
});

describe("formatElapsed", () => {
  it("shows tenths of seconds, then minutes", () => {
    expect(formatElapsed(0)).toBe("0.0 s");
    expect(formatElapsed(1234)).toBe("1.2 s");
    expect(formatElapsed(125_000)).toBe("2 min 05 s");
  });
});
