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
