import { describe, expect, it } from "vitest";
import { OutputBuffer } from "./output-buffer";

const joined = (b: OutputBuffer, lines: number, chars?: number) =>
  b
    .tail(lines, chars)
    .chunks.map((c) => c.text)
    .join("");

describe("OutputBuffer", () => {
  it("counts lines (a final line without newline too) and keeps streams apart", () => {
    const b = new OutputBuffer();
    expect(b.empty).toBe(true);
    expect(b.lines).toBe(0);
    b.append("stdout", "a\nb\n");
    expect(b.lines).toBe(2);
    b.append("stderr", "oops\n");
    b.append("stdout", "c");
    expect(b.lines).toBe(4);
    expect(b.tail(10).chunks.map((c) => c.stream)).toEqual(["stdout", "stderr", "stdout"]);
    expect(b.tail(10).hiddenLines).toBe(0);
    expect(b.text()).toBe("a\nb\noops\nc");
  });

  it("merges consecutive text of one stream into few chunks", () => {
    const b = new OutputBuffer();
    for (let i = 0; i < 1000; i++) b.append("stdout", "x\n");
    expect(b.tail(2000).chunks.length).toBeLessThan(5);
  });

  it("renders only the tail of a flood and says how much is hidden", () => {
    const b = new OutputBuffer();
    for (let i = 0; i < 100_000; i++) b.append("stdout", `line ${i}\n`);
    const { chunks, hiddenLines } = b.tail(100);
    const shown = chunks.map((c) => c.text).join("");
    expect(shown.split("\n").filter(Boolean)).toHaveLength(100);
    expect(shown.startsWith("line 99900\n")).toBe(true);
    expect(shown.endsWith("line 99999\n")).toBe(true);
    expect(hiddenLines).toBe(99_900);
    expect(b.text().length).toBe(b.chars);
  });

  it("cuts the tail at a line boundary inside a chunk and across streams", () => {
    const b = new OutputBuffer();
    b.append("stdout", "1\n2\n3\n");
    b.append("stderr", "4\n5\n");
    b.append("stdout", "6");
    expect(joined(b, 3)).toBe("4\n5\n6");
    expect(b.tail(3).hiddenLines).toBe(3);
    expect(joined(b, 4)).toBe("3\n4\n5\n6");
    expect(b.tail(4).chunks.map((c) => c.stream)).toEqual(["stdout", "stderr", "stdout"]);
  });

  it("limits the characters shown, so one enormous line cannot freeze the page", () => {
    const b = new OutputBuffer();
    b.append("stdout", "x".repeat(1_000_000));
    const tail = b.tail(100, 1000);
    expect(joined(b, 100, 1000)).toBe("x".repeat(1000));
    expect(tail.hiddenLines).toBe(0); // the one line is shown, cut at its start
  });

  it("drops the oldest output past its memory bound and says so in the download", () => {
    const b = new OutputBuffer(10_000);
    for (let i = 0; i < 10_000; i++) b.append("stdout", `${String(i).padStart(4, "0")}\n`);
    expect(b.chars).toBeLessThanOrEqual(10_000);
    expect(b.lines).toBe(10_000);
    expect(b.droppedLines).toBeGreaterThan(0);
    expect(b.droppedLines + b.keptLines).toBe(10_000);
    const text = b.text();
    expect(text).toMatch(/^\[[\d,]+ earlier lines were discarded to bound memory\]\n/);
    expect(text.endsWith("9999\n")).toBe(true);
    expect(b.tail(5).hiddenLines).toBe(9_995);
  });

  it("marks notices in the download and notifies subscribers on each append", () => {
    const b = new OutputBuffer();
    let calls = 0;
    const off = b.subscribe(() => (calls += 1));
    b.append("stdout", "hi\n");
    b.append("notice", "Interpreter restarted\n");
    off();
    b.append("stdout", "after\n");
    expect(calls).toBe(2);
    expect(b.version).toBe(3);
    expect(b.text()).toBe("hi\n[Interpreter restarted]\nafter\n");
    expect(b.endsWith("after\n")).toBe(true);
  });

  it("splits the tail into lines of segments with a stable index for the first", () => {
    const b = new OutputBuffer();
    expect(b.tailLines(10)).toEqual({ lines: [], hiddenLines: 0, open: false });
    b.append("stdout", "a\nName? ");
    b.append("input", "bob\n");
    b.append("stderr", "err\n\n");
    expect(b.tailLines(10)).toEqual({
      lines: [
        [{ stream: "stdout", text: "a" }],
        [
          { stream: "stdout", text: "Name? " },
          { stream: "input", text: "bob" },
        ],
        [{ stream: "stderr", text: "err" }],
        [],
      ],
      hiddenLines: 0,
      open: false,
    });
    b.append("stdout", "Age? ");
    const t = b.tailLines(2);
    expect(t.open).toBe(true);
    expect(t.hiddenLines).toBe(3);
    expect(t.lines).toEqual([[], [{ stream: "stdout", text: "Age? " }]]);
  });
});
