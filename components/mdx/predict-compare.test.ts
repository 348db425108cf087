import { describe, expect, it } from "vitest";
import { comparePrediction } from "./predict-compare";

describe("comparePrediction", () => {
  it("matches exact output, ignoring trailing spaces and final newlines", () => {
    expect(comparePrediction("a\nb  \n", "a\nb\n", "exact")).toMatchObject({ match: true, wrongPredicted: [], missedActual: [] });
  });

  it("marks the lines that differ in order", () => {
    const c = comparePrediction("b\na", "a\nb\n", "exact");
    expect(c).toMatchObject({ match: false, wrongPredicted: [0, 1], missedActual: [0, 1] });
    expect(c.summary).toMatch(/0 of 2 lines/);
  });

  it("accepts any order when unordered, counting repeated lines", () => {
    expect(comparePrediction("B done\nA done", "A done\nB done\n", "unordered").match).toBe(true);
    expect(comparePrediction("A done\nA done", "A done\nB done\n", "unordered")).toMatchObject({ match: false, wrongPredicted: [1], missedActual: [1] });
  });
});

describe("comparePrediction with the example's patterns (tolerance)", () => {
  const patterns = "start\ntotal: 0\\.[56]\\d* s\nThread-\\d+ \\(worker\\) done";
  const actual = "start\ntotal: 0.513 s\nThread-3 (worker) done\n";

  it("accepts a guess the pattern allows where the output varies, and says so", () => {
    const c = comparePrediction("start\ntotal: 0.5 s\nThread-1 (worker) done", actual, "exact", patterns);
    expect(c).toMatchObject({ match: true, wrongPredicted: [], missedActual: [], tolerated: [1, 2] });
    expect(c.summary).toMatch(/2 lines differ only where the output varies/);
  });

  it("still marks a guess the pattern rejects", () => {
    const c = comparePrediction("start\ntotal: 1.0 s\nThread-1 (worker) done", actual, "exact", patterns);
    expect(c).toMatchObject({ match: false, wrongPredicted: [1], missedActual: [1], tolerated: [2] });
  });

  it("does not tolerate anything without patterns", () => {
    expect(comparePrediction("start\ntotal: 0.5 s\nThread-3 (worker) done", actual, "exact")).toMatchObject({ match: false, wrongPredicted: [1] });
  });

  it("ignores patterns that do not describe this output (wrong line count, broken expression)", () => {
    expect(comparePrediction("start\ntotal: 0.5 s\nThread-3 (worker) done", actual, "exact", "start\n.*").match).toBe(false);
    expect(comparePrediction("start\ntotal: 0.5 s\nThread-3 (worker) done", actual, "exact", "start\n(\nThread.*").match).toBe(false);
  });

  it("pairs lines in any order when unordered, keeping exact matches for exact guesses", () => {
    const out = "A took 0.20 s\nB took 0.31 s\n";
    const re = "[AB] took 0\\.\\d+ s\n[AB] took 0\\.\\d+ s";
    expect(comparePrediction("B took 0.3 s\nA took 0.2 s", out, "unordered", re)).toMatchObject({ match: true, tolerated: [0, 1] });
    // The exact guess keeps its own line, the loose one takes the other.
    expect(comparePrediction("A took 0.9 s\nA took 0.20 s", out, "unordered", re)).toMatchObject({ match: true, tolerated: [0] });
    expect(comparePrediction("C took 0.2 s\nA took 0.2 s", out, "unordered", re)).toMatchObject({ match: false, wrongPredicted: [0] });
  });
});
