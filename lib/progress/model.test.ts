import { describe, expect, it } from "vitest";
import { continueLabel, continueTarget, currentStreak, emptySnapshot, exerciseStats, mergeSnapshots, parseItem, ProgressSnapshotSchema, type Attempt, type ProgressSnapshot } from "./model";

const lesson = (o: Partial<ProgressSnapshot["lessons"][string]> = {}) => ({
  firstOpenedAt: 1000,
  lastOpenedAt: 1000,
  position: 0,
  positionAt: 1000,
  completedAt: null,
  secondsSpent: 0,
  ...o,
});

describe("mergeSnapshots", () => {
  it("keeps the earliest opening, the latest visit, the latest position and the first completion", () => {
    const a: ProgressSnapshot = { ...emptySnapshot(), lessons: { "c/l": lesson({ firstOpenedAt: 500, lastOpenedAt: 900, position: 0.4, positionAt: 900, secondsSpent: 30 }) } };
    const b: ProgressSnapshot = { ...emptySnapshot(), lessons: { "c/l": lesson({ firstOpenedAt: 800, lastOpenedAt: 2000, position: 0.9, positionAt: 2000, completedAt: 1500, secondsSpent: 20 }) } };
    const merged = mergeSnapshots(a, b).lessons["c/l"];
    expect(merged).toEqual({ firstOpenedAt: 500, lastOpenedAt: 2000, position: 0.9, positionAt: 2000, completedAt: 1500, secondsSpent: 30 });
    // Completion is never undone by an older snapshot arriving later.
    expect(mergeSnapshots(b, a).lessons["c/l"]!.completedAt).toBe(1500);
  });

  it("is idempotent and order-independent", () => {
    const a: ProgressSnapshot = {
      lessons: { "c/a": lesson({ completedAt: 10 }) },
      drafts: { "c/a:1": { code: "old", updatedAt: 5 } },
      attempts: [{ id: "00000000-0000-4000-8000-000000000001", exerciseId: "e", lessonId: "c/a", code: "x", passed: false, hintsUsed: 0, output: "", at: 3 }],
      exercises: { f: { lessonId: "c/a", attempts: 2, failed: 2, passedAt: null, maxHints: 0, lastAt: 2 } },
    };
    const b: ProgressSnapshot = {
      lessons: { "c/b": lesson() },
      drafts: { "c/a:1": { code: "new", updatedAt: 9 } },
      attempts: [
        { id: "00000000-0000-4000-8000-000000000002", exerciseId: "e", lessonId: "c/a", code: "y", passed: true, hintsUsed: 1, output: "", at: 4 },
        { id: "00000000-0000-4000-8000-000000000001", exerciseId: "e", lessonId: "c/a", code: "x", passed: false, hintsUsed: 0, output: "", at: 3 },
      ],
      exercises: { f: { lessonId: "c/a", attempts: 3, failed: 2, passedAt: 5, maxHints: 1, lastAt: 5 } },
    };
    const ab = mergeSnapshots(a, b);
    expect(ab).toEqual(mergeSnapshots(b, a));
    expect(mergeSnapshots(ab, ab)).toEqual(ab);
    expect(mergeSnapshots(ab, a)).toEqual(ab);
    expect(ab.drafts["c/a:1"]!.code).toBe("new");
    expect(ab.attempts.map((x) => x.id.slice(-1))).toEqual(["1", "2"]);
    expect(ab.exercises.f!.attempts).toBe(3); // summaries only grow
  });

  it("keeps all 1,000 attempts when 500 on one side meet 500 on the other, and the result still parses (issue 18)", () => {
    const attempts = (from: number): Attempt[] =>
      Array.from({ length: 500 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`, exerciseId: "c/a#e", lessonId: "c/a", code: "x", passed: from + i === 999, hintsUsed: 0, output: "", at: from + i }));
    const merged = mergeSnapshots({ ...emptySnapshot(), attempts: attempts(0) }, { ...emptySnapshot(), attempts: attempts(500) });
    expect(merged.attempts).toHaveLength(1000);
    expect(ProgressSnapshotSchema.safeParse(merged).success).toBe(true);
    expect(exerciseStats(merged, "c/a#e")).toEqual({ attempts: 1000, failed: 999, passed: true, maxHints: 0 });
  });
});

describe("exerciseStats", () => {
  it("adds the attempts not yet counted to the server's summary", () => {
    const s: ProgressSnapshot = {
      ...emptySnapshot(),
      exercises: { "c/a#e": { lessonId: "c/a", attempts: 10, failed: 10, passedAt: null, maxHints: 1, lastAt: 100 } },
      attempts: [{ id: "00000000-0000-4000-8000-000000000009", exerciseId: "c/a#e", lessonId: "c/a", code: "", passed: true, hintsUsed: 2, output: "", at: 200 }],
    };
    expect(exerciseStats(s, "c/a#e")).toEqual({ attempts: 11, failed: 10, passed: true, maxHints: 2 });
    expect(exerciseStats(s, "c/a#other")).toEqual({ attempts: 0, failed: 0, passed: false, maxHints: 0 });
  });
});

describe("parseItem", () => {
  it("names what is wrong with one pushed item", () => {
    expect(parseItem("draft", "c/l:1", { code: "x".repeat(200_001), updatedAt: 1 })).toEqual({ ok: false, message: "code: a saved program may be at most 200,000 characters" });
    expect(parseItem("lesson", "Not An Id", {})).toMatchObject({ ok: false, message: expect.stringMatching(/chapter-slug/) });
    expect(parseItem("draft", "c/l:1", { code: "ok", updatedAt: 1 })).toEqual({ ok: true, value: { code: "ok", updatedAt: 1 } });
  });
});

describe("ProgressSnapshotSchema", () => {
  it("rejects malformed ids and oversized drafts with readable messages", () => {
    const bad = ProgressSnapshotSchema.safeParse({ lessons: { "not a lesson id": lesson() }, drafts: {}, attempts: [] });
    expect(bad.success).toBe(false);
    const big = ProgressSnapshotSchema.safeParse({ drafts: { "c/l:1": { code: "x".repeat(200_001), updatedAt: 1 } } });
    expect(big.success).toBe(false);
    expect(JSON.stringify(big.error?.issues)).toMatch(/200,000 characters/);
  });
});

describe("currentStreak", () => {
  const day = (iso: string) => iso;
  it("counts consecutive days ending today or yesterday", () => {
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(currentStreak(new Set([day("2026-11-25"), day("2026-11-24"), day("2026-11-22")]), now)).toBe(2);
    expect(currentStreak(new Set([day("2026-11-24"), day("2026-11-23")]), now)).toBe(2);
    expect(currentStreak(new Set([day("2026-11-20")]), now)).toBe(0);
  });
});

describe("continueTarget", () => {
  const lessons = [{ id: "a/one", title: "One" }, { id: "a/two", title: "Two" }, { id: "b/three", title: "Three" }];
  const lesson = (lastOpenedAt: number, completedAt: number | null) => ({ firstOpenedAt: 1, lastOpenedAt, position: 0, positionAt: 1, completedAt, secondsSpent: 0 });

  it("starts the course before any progress", () => {
    expect(continueTarget(lessons, {})).toEqual({ kind: "start", lesson: lessons[0] });
    expect(continueTarget([], {})).toBeNull();
  });
  it("continues the lesson opened last while it is unfinished", () => {
    expect(continueTarget(lessons, { "a/one": lesson(5, 4), "a/two": lesson(9, null) })).toEqual({ kind: "continue", lesson: lessons[1] });
  });
  it("goes on to the next unfinished lesson once the last one is completed", () => {
    expect(continueTarget(lessons, { "a/one": lesson(9, 9) })).toEqual({ kind: "next", lesson: lessons[1] });
    expect(continueTarget(lessons, { "a/one": lesson(3, null), "a/two": lesson(5, 5), "b/three": lesson(9, 9) })).toEqual({ kind: "next", lesson: lessons[0] });
    expect(continueLabel({ kind: "next", lesson: lessons[1]! })).toBe("Continue: Two");
  });
  it("offers a review when everything is completed", () => {
    const all = { "a/one": lesson(1, 1), "a/two": lesson(2, 2), "b/three": lesson(3, 3) };
    expect(continueTarget(lessons, all)).toEqual({ kind: "review", lesson: lessons[0] });
    expect(continueLabel(continueTarget(lessons, all)!)).toMatch(/^Course complete/);
  });
});
