import { describe, expect, it } from "vitest";
import { buildGrid, csvField, decodeCells, encodeCells, type GridCell } from "./grid";

describe("grid wire format", () => {
  it("round-trips every kind of cell (times to the second)", () => {
    const cells: GridCell[] = [
      { s: "not-started" },
      { s: "not-started", overdue: true },
      { s: "in-progress", t: 1_764_000_000_000, sec: 95 },
      { s: "completed", t: 1_764_000_123_000, sec: 600, late: true },
      { s: "passed", n: 3, f: 2, h: 1, t: 1_764_000_000_000, late: true },
      { s: "in-progress", n: 40, f: 40, t: 1_764_000_000_000, overdue: true },
    ];
    const encoded = encodeCells(cells);
    expect(encoded.length).toBeLessThan(100);
    expect(decodeCells(encoded)).toEqual(cells);
    expect(decodeCells("")).toEqual([]);
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and newlines, and defuses spreadsheet formulas", () => {
    expect(csvField("Ada")).toBe("Ada");
    expect(csvField('Bo "B", Jr.')).toBe('"Bo ""B"", Jr."');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
  });
});

describe("exercise columns", () => {
  const outline = {
    chapters: [
      {
        slug: "basics",
        number: 1,
        title: "Basics",
        lessons: [
          { id: "basics/one", title: "One", href: "/learn/basics/one", exercises: [] },
          { id: "basics/two", title: "Two", href: "/learn/basics/two", exercises: ["classify", "overlap"] },
          { id: "basics/three", title: "Three", href: "/learn/basics/three", exercises: ["later"] },
        ],
      },
    ],
  };
  const at = new Date(1_764_000_000_000);
  const failed = (exerciseId: string) => ({ userId: "u1", exerciseId, lessonId: exerciseId.split("#")[0]!, passed: false, count: 5, firstAt: at, lastAt: at, maxHints: 0 });

  it("are the course's exercises of assigned lessons; attempts elsewhere name nothing", () => {
    const grid = buildGrid({
      outline,
      assignments: [
        { id: "a1", kind: "lesson", target: "basics/one", dueAt: null },
        { id: "a2", kind: "lesson", target: "basics/two", dueAt: null },
      ],
      learners: [{ id: "u1", name: "Ada", email: "ada@example.org", joinedAt: at }],
      progress: [],
      // An exercise the course no longer has (basics/one#gone) and one of a lesson that is not assigned.
      attempts: [failed("basics/one#gone"), failed("basics/two#overlap"), failed("basics/three#later")],
      thresholds: { failedAttempts: 3, inactiveDays: 7 },
      now: at.getTime(),
    });
    expect(grid.items.map((i) => i.id)).toEqual(["basics/one", "basics/two", "basics/two#classify", "basics/two#overlap"]);
    expect(grid.summary.hardest.map((e) => e.exerciseId)).toEqual(["basics/two#overlap"]);
    expect(JSON.stringify(grid)).not.toMatch(/#gone|#later/);
  });
});
