import { describe, expect, it } from "vitest";
import { processTagger } from "./process-tags";

describe("processTagger", () => {
  it("leaves a single process's output alone and tags lines once a second process prints", () => {
    const tag = processTagger();
    expect(tag("main alone\n", undefined)).toBe("main alone\n");
    expect(tag("again\n", undefined)).toBe("again\n");
    expect(tag("child 1\nchild 2\n", "Process-1")).toBe("[Process-1] child 1\n[Process-1] child 2\n");
    expect(tag("par", "MainProcess")).toBe("[MainProcess] par");
    expect(tag("tial\nnext\n", "MainProcess")).toBe("tial\n[MainProcess] next\n");
  });
});

describe("processTagger without children", () => {
  it("never tags a run of one process", () => {
    const tag = processTagger();
    expect(tag("a\n", undefined)).toBe("a\n");
    expect(tag("b\n", undefined)).toBe("b\n");
  });
});
