import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempTree } from "@/tests/temp-tree";
import { CLAIM_RUNS } from "./check";
import { everyRun, onceMore } from "./check-programs";
import { diffOutput, matchPattern } from "./output-compare";
import { compileLesson } from "./compile";
import { splitHints } from "./remark-interleave";
import { ContentError } from "./errors";

const FRONTMATTER = "---\ntitle: A lesson\nsummary: A lesson for the authoring tests.\nobjectives:\n  - Test\nminutes: 5\n---\n\n";

const tree = tempTree("interleave-author-");
const lesson = (files: Record<string, string>) => path.join(tree(files, "01.ch/01.l"), "01.ch/01.l/index.mdx");

const EXERCISE = {
  "exercises/add/solution.py": "def add(a, b):\n    #| starter\n    # return 0\n    #| solution\n    return a + b\n    #| end\n",
  "exercises/add/check.py": "import learner\nassert learner.add(1, 2) == 3, 'add(1, 2) should be 3'\n",
};

describe("the compiler's manifest", () => {
  it("inlines an exercise folder with its hints and records it under chapter/lesson#id", async () => {
    const file = lesson({ "index.mdx": `${FRONTMATTER}<Exercise id="add" title="Add">\n  Add two numbers.\n</Exercise>\n`, ...EXERCISE, "exercises/add/hints.md": "Use `+`.\n---\n```python\nreturn a + b\n```\n" });
    const { manifest, code } = await compileLesson(file);
    expect(manifest.exercises).toEqual([
      expect.objectContaining({ id: "ch/l#add", name: "add", line: 9, starter: "def add(a, b):\n    return 0\n", solution: "def add(a, b):\n    return a + b\n", solutionLines: [1, 5], starterLines: [1, 3], firstBlock: 2, seeds: [null] }),
    ]);
    expect(code).toContain("return a + b");
    expect(code).toMatch(/Hint/);
    expect(code).not.toContain("#| starter"); // the page gets the derived programs, never the markers
  });

  it("names solution.py and its line for bad markers, and a leftover starter.py", async () => {
    const broken = lesson({ "index.mdx": `${FRONTMATTER}<Exercise id="add" />\n`, ...EXERCISE, "exercises/add/solution.py": "def add(a, b):\n    #| starter\n    return 0\n    #| end\n" });
    const err = (await compileLesson(broken).catch((e: unknown) => e)) as ContentError;
    expect(err).toBeInstanceOf(ContentError);
    expect(err.file).toBe(path.join(path.dirname(broken), "exercises/add/solution.py"));
    expect(err.line).toBe(3);
    expect(err.detail).toMatch(/is not a comment at the marker's indentation/);
    const leftover = lesson({ "index.mdx": `${FRONTMATTER}<Exercise id="add" />\n`, ...EXERCISE, "exercises/add/starter.py": "def add(a, b):\n    return 0\n" });
    await expect(compileLesson(leftover)).rejects.toThrow(/exercises\/add\/starter\.py: starter\.py is not read: the starter is derived from the markers in solution\.py \(line 2\)/);
  });

  it("scaffolds a lesson (npm run new:chapter) whose exercise derives its starter from the marked solution.py", async () => {
    const root = tree({}); // an empty content folder, removed after the test
    execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/new-content.ts", "chapter", "Scaffold test"], { env: { ...process.env, CONTENT_DIR: root }, stdio: "pipe" });
    const dir = path.join(root, "01.scaffold-test/01.introduction");
    expect(fs.existsSync(path.join(dir, "exercises/first-exercise/starter.py"))).toBe(false);
    const { manifest } = await compileLesson(path.join(dir, "index.mdx"));
    expect(manifest.exercises).toEqual([expect.objectContaining({ name: "first-exercise", starter: expect.stringContaining("    return 0\n"), solution: expect.stringContaining("    return len(text.split())\n") })]);
    expect(manifest.exercises[0]!.solution).not.toContain("return 0");
  }, 30_000);

  it("names a missing exercise file", async () => {
    const file = lesson({ "index.mdx": `${FRONTMATTER}<Exercise id="add" />\n`, "exercises/add/solution.py": EXERCISE["exercises/add/solution.py"] });
    await expect(compileLesson(file)).rejects.toThrow(/index\.mdx:9:1: <Exercise id="add">: no such file .*exercises\/add\/check\.py/);
  });

  it("records examples with their golden output, stdin and check-only input", async () => {
    const file = lesson({
      "index.mdx": `${FRONTMATTER}<CodeRunner file="a.py" stdin={["x"]} />\n\n<CodeRunner code={\`print(input())\`} checkInput={["y"]} expect="exception" />\n`,
      "a.py": "print(input())\n",
      "a.out": "x\n",
    });
    const { manifest, code } = await compileLesson(file);
    expect(manifest.examples).toEqual([
      expect.objectContaining({ component: "CodeRunner", line: 9, stdin: ["x"], expect: "ok", golden: expect.objectContaining({ kind: "exact", text: "x\n" }) }),
      expect.objectContaining({ line: 11, stdin: ["y"], expect: "exception", golden: undefined, code: "print(input())" }),
    ]);
    expect(code).not.toContain("checkInput");
  });

  it("accepts expect=\"deadlock\" for an example that must deadlock, and names the choices for a wrong value", async () => {
    const ok = lesson({ "index.mdx": `${FRONTMATTER}<CodeRunner file="d.py" expect="deadlock" />\n`, "d.py": "import threading\n" });
    expect((await compileLesson(ok)).manifest.examples[0]).toMatchObject({ expect: "deadlock" });
    const bad = lesson({ "index.mdx": `${FRONTMATTER}<CodeRunner file="d.py" expect="hang" />\n`, "d.py": "pass\n" });
    await expect(compileLesson(bad)).rejects.toThrow(/expect="deadlock" for one that must deadlock/);
  });

  it("marks a claim-bearing example, which needs a pattern or property check, and never passes claim on to the page", async () => {
    const ok = lesson({ "index.mdx": `${FRONTMATTER}<CodeRunner file="m.py" claim />\n\n<PredictOutput file="m.py" claim={false} />\n`, "m.py": "print(1)\n", "m.out.re": "\\d\n" });
    const compiled = await compileLesson(ok);
    expect(compiled.manifest.examples.map((e) => e.claim)).toEqual([true, undefined]);
    expect(compiled.code).not.toMatch(/\bclaim\b/);
    const bare = lesson({ "index.mdx": `${FRONTMATTER}<CodeRunner file="m.py" claim />\n`, "m.py": "print(1)\n" });
    await expect(compileLesson(bare)).rejects.toThrow(/index\.mdx:9:1: <CodeRunner claim>: a claim needs the statement it checks/);
    const wrong = lesson({ "index.mdx": `${FRONTMATTER}<CodeRunner file="m.py" claim="yes" />\n`, "m.py": "print(1)\n", "m.out.re": "1\n" });
    await expect(compileLesson(wrong)).rejects.toThrow(/write claim \(or claim=\{true\}\)/);
  });

  it("records links and requires alt text on markdown images", async () => {
    const ok = await compileLesson(lesson({ "index.mdx": `${FRONTMATTER}See [the other](/learn/ch/other#top) and [here](#a).\n` }));
    expect(ok.manifest.links.map((l) => l.url)).toEqual(["/learn/ch/other#top", "#a"]);
    const err = await compileLesson(lesson({ "index.mdx": `${FRONTMATTER}![](d.svg)\n`, "d.svg": "<svg/>" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).message).toMatch(/index\.mdx:9:1: image d\.svg needs alt text/);
  });
});

describe("golden output", () => {
  it("says where exact output differs", () => {
    expect(diffOutput("a\nb\n", "a\nb  \n\n")).toBeNull();
    expect(diffOutput("a\nb\n", "a\nc\n")).toBe('line 2: expected "b", got "c"');
    expect(diffOutput("a\nb\n", "a\n")).toMatch(/line 2: expected "b", but the output ended/);
  });

  it("matches a pattern line by line", () => {
    expect(matchPattern("total: 0\\.[56] s", "total: 0.5 s\n")).toBeNull();
    expect(matchPattern("total: 0\\.[56] s", "total: 0.9 s\n")).toEqual({ line: 1, message: 'output line 1 "total: 0.9 s" does not match /total: 0\\.[56] s/' });
  });

  it("splits hints on --- lines", () => {
    expect(splitHints("one\n---\ntwo\n---\n")).toEqual(["one", "two"]);
  });
});

/** A check whose successive runs find these problems (one list per run; none once the lists run out). */
function runs(...results: string[][]) {
  let i = 0;
  return async (found: { file: string; message: string }[]) => {
    found.push(...(results[i++] ?? []).map((message) => ({ file: "/x/lesson/ex.py", message })));
    return 1;
  };
}

describe("a failing program is run once more before it counts", () => {

  it("a pass on the second run is a warning; two failures are the second run's problems; a pass runs once", async () => {
    const log: string[] = [];
    const problems: { file: string; message: string }[] = [];
    expect(await onceMore(runs(["too slow"], []), problems, true, (l) => log.push(l))).toBe(2);
    expect(problems).toEqual([]);
    expect(log.join("\n")).toMatch(/passed when run again .*too slow/);

    expect(await onceMore(runs(["wrong"], ["still wrong"]), problems, true, (l) => log.push(l))).toBe(2);
    expect(problems.map((p) => p.message)).toEqual(["still wrong"]);

    expect(await onceMore(runs([]), [], true, () => undefined)).toBe(1);
    const noRetry: { file: string; message: string }[] = [];
    expect(await onceMore(runs(["golden rewritten"], []), noRetry, false, () => undefined)).toBe(1);
    expect(noRetry.map((p) => p.message)).toEqual(["golden rewritten"]);
  });
});

describe("a claim-bearing example runs several times and every run must agree", () => {

  it("runs CLAIM_RUNS times when all agree, and stops at the first run that contradicts the lesson, naming it", async () => {
    expect(CLAIM_RUNS).toBe(5);
    const clean: { file: string; message: string }[] = [];
    expect(await everyRun(runs(), CLAIM_RUNS, clean)).toBe(5);
    expect(clean).toEqual([]);

    const problems: { file: string; message: string }[] = [];
    expect(await everyRun(runs([], [], ["speed-up: 1.8x does not match"], []), CLAIM_RUNS, problems)).toBe(3);
    expect(problems.map((p) => p.message)).toEqual(["claim run 3 of 5: speed-up: 1.8x does not match"]);
  });
});
