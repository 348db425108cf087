import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PythonHarness } from "@/lib/python/harness/node";
import type { RunRequest } from "@/lib/python/client/types";
import { checkExercise } from "./check-programs";
import type { Problem } from "./check-report";
import { ContentError } from "./errors";
import { VERDICT_MARKER } from "./exercise-check";
import { readExerciseSource, sourceLine, splitExercise } from "./exercise-source";

const FILE = "/course/exercises/x/solution.py";
const lines = (...l: string[]) => l.map((x) => `${x}\n`).join("");

/** The ContentError splitExercise throws for `text`. */
function refused(text: string): ContentError {
  try {
    splitExercise(text, FILE);
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error("splitExercise accepted the text");
}

describe("splitExercise", () => {
  it("derives the starter (starter parts uncommented at the block's indentation) and the solution (starter parts dropped)", () => {
    const text = lines(
      "def transfer(source, target):",
      "    #| starter",
      "    # with source.lock:",
      "    #     with target.lock:",
      "    #| solution",
      "    first, second = sorted((source, target))",
      "    with first.lock:",
      "        with second.lock:",
      "    #| end",
      "            move()",
    );
    const { starter, solution, starterLines, solutionLines, firstBlock } = splitExercise(text, FILE);
    expect(starter).toBe(lines("def transfer(source, target):", "    with source.lock:", "        with target.lock:", "            move()"));
    expect(solution).toBe(lines("def transfer(source, target):", "    first, second = sorted((source, target))", "    with first.lock:", "        with second.lock:", "            move()"));
    expect(starterLines).toEqual([1, 3, 4, 10]);
    expect(solutionLines).toEqual([1, 6, 7, 8, 10]);
    expect(firstBlock).toBe(2);
  });

  it("takes a block with only a solution part (the starter lacks those lines) and one with only a starter part", () => {
    const text = lines("import threading", "#| solution", "import heapq", "#| end", "x = 1", "#| starter", "# print(x)", "#| end");
    expect(splitExercise(text, FILE)).toMatchObject({ starter: lines("import threading", "x = 1", "print(x)"), solution: lines("import threading", "import heapq", "x = 1") });
  });

  it("takes an empty starter part before a solution part", () => {
    const text = lines("def f():", "    #| starter", "    #| solution", "    return 1", "    #| end", "    return 0");
    expect(splitExercise(text, FILE)).toMatchObject({ starter: lines("def f():", "    return 0"), solution: lines("def f():", "    return 1", "    return 0") });
  });

  it('removes "# " or "#" after the indentation, keeps deeper indentation and comments, and keeps blank lines blank', () => {
    const text = lines("    #| starter", "    # a", "    #b", "    #     c", "    # # a comment", "    #", "", "    #| end");
    expect(splitExercise(text, FILE).starter).toBe(lines("    a", "    b", "        c", "    # a comment", "", ""));
  });

  it("keeps a file without a final newline as it is, and one without markers unchanged in both", () => {
    expect(splitExercise("#| solution\nx = 1\n#| end\ny = 2", FILE)).toMatchObject({ starter: "y = 2", solution: "x = 1\ny = 2" });
    expect(splitExercise("x = 1\n", FILE)).toMatchObject({ starter: "x = 1\n", solution: "x = 1\n", firstBlock: 0 });
  });

  it("accepts trailing spaces and carriage returns after a marker", () => {
    expect(splitExercise("#| solution  \r\nx = 1\r\n#| end\r\n", FILE).solution).toBe("x = 1\r\n");
  });

  it.each([
    ["an unknown marker", lines("#| starting", "# x", "#| end"), 1, /unknown marker "#\| starting": exercise markers are "#\| starter", "#\| solution" and "#\| end"/],
    ["text after a marker word", lines("#| starter here", "# x", "#| end"), 1, /unknown marker/],
    ["a block inside a block", lines("#| starter", "# x", "#| solution", "y = 1", "#| starter", "#| end"), 5, /inside the block opened at line 1: blocks cannot nest/],
    ["a starter part after a solution part", lines("#| solution", "y = 1", "#| starter", "# x", "#| end"), 3, /after the "#\| solution" at line 1: a block's starter part comes first/],
    ["two solution parts", lines("#| starter", "# x", "#| solution", "y", "#| solution", "#| end"), 5, /a second "#\| solution" in the block opened at line 1/],
    ["an end with no block", lines("x = 1", "#| end"), 2, /"#\| end" with no open block/],
    ["a block never closed", lines("x = 1", "    #| starter", "    # y"), 2, /the "#\| starter" block opened here is never closed: end it with "#\| end"/],
    ["a solution block never closed", lines("x = 1", "    #| solution", "    y = 2", "z = 3"), 2, /the "#\| solution" block opened here is never closed/],
    ["a marker indented differently", lines("def f():", "    #| starter", "    # pass", "#| solution", "    return 1", "    #| end"), 4, /indented differently from the "#\| starter" that opened its block at line 2/],
    ["an empty block", lines("x = 1", "#| starter", "#| solution", "#| end"), 4, /the block opened at line 2 is empty/],
    ["a starter line that is code", lines("def f():", "    #| starter", "    return 0", "    #| solution", "    return 1", "    #| end"), 3, /not a comment at the marker's indentation \(4 spaces\): write the starter's lines commented out \("    # \.\.\."\)/],
    ["a starter comment indented less than its marker", lines("def f():", "    #| starter", "# return 0", "    #| end"), 3, /not a comment at the marker's indentation/],
    ["a starter comment indented with a tab under a spaces marker", lines("def f():", "    #| starter", "\t# return 0", "    #| end"), 3, /not a comment/],
  ])("refuses %s, naming the file and line", (_what, text, line, message) => {
    const err = refused(text);
    expect(err.file).toBe(FILE);
    expect(err.line).toBe(line);
    expect(err.detail).toMatch(message);
    expect(err.message).toContain(`${FILE}:${line}: `);
  });
});

describe("sourceLine", () => {
  it("maps a line of a derived program back to solution.py, and nothing for no line or a line past the end", () => {
    expect(sourceLine([1, 3, 4], 2)).toBe(3);
    expect(sourceLine([1, 3, 4], null)).toBeUndefined();
    expect(sourceLine([1, 3, 4], 9)).toBeUndefined();
  });
});

describe("readExerciseSource", () => {
  let root = "";
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const folder = (files: Record<string, string>) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-exercise-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
    return root;
  };
  const MARKED = lines("def add(a, b):", "    #| starter", "    # return 0", "    #| solution", "    return a + b", "    #| end");

  it("reads solution.py and derives the starter", () => {
    const dir = folder({ "solution.py": MARKED });
    expect(readExerciseSource(dir)).toMatchObject({ file: path.join(dir, "solution.py"), starter: lines("def add(a, b):", "    return 0"), solution: lines("def add(a, b):", "    return a + b") });
  });

  it("refuses a leftover starter.py beside a marked solution.py, naming starter.py", () => {
    const dir = folder({ "solution.py": MARKED, "starter.py": "def add(a, b):\n    return 0\n" });
    expect(() => readExerciseSource(dir)).toThrow(/starter\.py: starter\.py is not read: the starter is derived from the markers in solution\.py \(line 2\); delete starter\.py/);
  });

  it("refuses starter.py beside an unmarked solution.py, saying how to mark it", () => {
    const dir = folder({ "solution.py": "def add(a, b):\n    return a + b\n", "starter.py": "def add(a, b):\n    return 0\n" });
    expect(() => readExerciseSource(dir)).toThrow(/starter\.py is not read: mark in solution\.py where the starter differs/);
  });

  it("refuses a solution.py with no block: the starter would be the solution", () => {
    const dir = folder({ "solution.py": "def add(a, b):\n    return a + b\n" });
    expect(() => readExerciseSource(dir)).toThrow(/solution\.py: solution\.py has no "#\| starter" or "#\| solution" block, so the starter would be the solution itself/);
  });

  it("names a missing solution.py", () => {
    const dir = folder({ "check.py": "" });
    expect(() => readExerciseSource(dir)).toThrow(/no such file .*solution\.py/);
  });

  it("derives every exercise of the course and of the component catalog without error, and none still has a starter.py", () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (!entry.isDirectory()) continue;
        if (path.basename(dir) === "exercises") found.push(full);
        else walk(full);
      }
    };
    walk(path.resolve("content"));
    walk(path.resolve("components/mdx/catalog"));
    expect(found.length).toBeGreaterThan(30);
    for (const dir of found) {
      const { starter, solution } = readExerciseSource(dir);
      expect(starter, dir).not.toBe(solution);
      expect(starter, dir).not.toMatch(/^[ \t]*#\|/m);
      expect(solution, dir).not.toMatch(/^[ \t]*#\|/m);
    }
  });
});

describe("content:check's report on a marked exercise", () => {
  // The harness stands in for the browser: it answers each check run with the verdict run_check.py would print, so
  // this test is about where the problems are reported, not about running Python.
  const TEXT = lines("import threading", "#| solution", "import heapq", "#| end", "", "def f():", "    #| starter", "    # return 0", "    #| solution", "    return heapq.nsmallest(1, [1])[0]", "    #| end");
  const exercise = (verdicts: (code: string) => { verdict: string; message: string; line: number | null }) => {
    const source = splitExercise(TEXT, "/x/exercises/e/solution.py");
    const harness = {
      run: async (request: RunRequest) => ({ stdout: `${VERDICT_MARKER}${JSON.stringify(verdicts(request.files!["learner.py"]!))}\n`, result: { status: "ok" } }),
    } as unknown as PythonHarness;
    return { harness, spec: { id: "c/l#e", name: "e", line: 1, dir: "/x/exercises/e", check: "", hints: 0, seeds: [null], ...source } };
  };

  it("reports a failing solution at the line of solution.py the failing line came from, in the message too", async () => {
    const { harness, spec } = exercise((code) =>
      code.includes("heapq.nsmallest") ? { verdict: "error", message: "Your code raised IndexError\n  line 5, in f: return heapq.nsmallest(1, [1])[0]", line: 5 } : { verdict: "fail", message: "no", line: null },
    );
    const problems: Problem[] = [];
    await checkExercise(harness, spec, problems);
    expect(problems).toEqual([{ file: "/x/exercises/e/solution.py", line: 10, message: "the solution does not pass its check: Your code raised IndexError\n  line 10, in f: return heapq.nsmallest(1, [1])[0]" }]);
  });

  it("reports a starter that passes at solution.py's first block", async () => {
    const { harness, spec } = exercise(() => ({ verdict: "pass", message: "", line: null }));
    const problems: Problem[] = [];
    await checkExercise(harness, spec, problems);
    expect(problems).toEqual([{ file: "/x/exercises/e/solution.py", line: 2, message: expect.stringMatching(/^the starter \(solution\.py with its #\| starter parts in place of its #\| solution parts\) already passes its check/) }]);
  });
});
