import { describe, expect, it } from "vitest";
import { csvField, decodeCells, encodeCells, type GridCell } from "./grid";

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
