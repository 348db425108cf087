import { describe, expect, it } from "vitest";
import { OutputBuffer } from "./output-buffer";

describe("OutputBuffer", () => {
  it("counts lines and keeps streams apart", () => {
    const b = new OutputBuffer();
    b.append("stdout", "a\nb\n");
    b.append("stderr", "oops\n");
    b.append("stdout", "c");
    expect(b.lines).toBe(3);
    expect(b.tail(10).chunks.map((c) => c.stream)).toEqual(["stdout", "stderr", "stdout"]);
    expect(b.text()).toBe("a\nb\noops\nc");
  });

  it("renders only the tail of a flood and says how much is hidden", () => {
    const b = new OutputBuffer();
    for (let i = 0; i < 100_000; i++) b.append("stdout", `line ${i}\n`);
    const { chunks, hiddenLines } = b.tail(100);
    const shown = chunks.map((c) => c.text).join("");
    expect(shown.split("\n").filter(Boolean)).toHaveLength(100);
    expect(shown.startsWith("line 99900\n")).toBe(true);
    expect(hiddenLines).toBe(99_900);
    expect(b.text().length).toBe(b.chars);
  });
});
