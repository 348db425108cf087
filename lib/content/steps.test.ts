/** The compiler's side of the interactive steps of issue 20 (tolerant predictions, possible outputs, myths,
 *  deadlock and blocking-call exercises): what each inlines and what it refuses, with the file and line. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempTree } from "@/tests/temp-tree";
import { compileLesson } from "./compile";
import { ContentError } from "./errors";

const HEAD = `---
title: A lesson
summary: A lesson used by the steps' compiler tests.
objectives:
  - Test the steps
minutes: 5
---

`;

const tree = tempTree("interleave-steps-");
const lesson = (files: Record<string, string>) => path.join(tree(files), "index.mdx");

async function refused(file: string): Promise<ContentError> {
  try {
    await compileLesson(file);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return err as ContentError;
  }
  throw new Error("expected a ContentError");
}

describe("PredictOutput with tolerance", () => {
  it("hands the example's .out.re to the component, and nothing when the golden output is exact", async () => {
    const withPattern = await compileLesson(
      lesson({ "index.mdx": `${HEAD}<PredictOutput file="t.py" />\n`, "t.py": "print('took 0.5 s')\n", "t.out.re": "took 0\\.\\d+ s\n" }),
    );
    expect(withPattern.code).toContain("took 0\\\\.\\\\d+ s");
    expect(withPattern.manifest.examples[0]!.golden?.kind).toBe("pattern");
    const exact = await compileLesson(lesson({ "index.mdx": `${HEAD}<PredictOutput file="t.py" />\n`, "t.py": "print(1)\n", "t.out": "1\n" }));
    expect(exact.code).not.toContain("patterns");
  });
});

const RACE = "import threading\ncounter = 0\n";

describe("PossibleOutputs", () => {
  it("records the program, its model and the author's marked options for content:check", async () => {
    const compiled = await compileLesson(
      lesson({
        "index.mdx": `${HEAD}<PossibleOutputs file="race.py" model="free-threaded" bound={2}>
  <Outcome output={\`counter = 2\`} possible>Both increments land.</Outcome>
  <Outcome output="counter = 3">More than two is impossible.</Outcome>
</PossibleOutputs>
`,
        "race.py": RACE,
      }),
    );
    const [step] = compiled.manifest.possibleOutputs;
    expect(step).toMatchObject({ filename: "race.py", model: "free-threaded", bound: 2, code: RACE, line: 9 });
    expect(step!.options).toEqual([
      { output: "counter = 2", possible: true, line: 10 },
      { output: "counter = 3", possible: false, line: 11 },
    ]);
    expect(compiled.manifest.examples).toEqual([]);
  });

  it("refuses a step without options, a bad model, and an Outcome outside it", async () => {
    const one = await refused(lesson({ "index.mdx": `${HEAD}<PossibleOutputs file="race.py">\n  <Outcome output="1" possible />\n</PossibleOutputs>\n`, "race.py": RACE }));
    expect(one.detail).toMatch(/at least two <Outcome/);
    expect(one.line).toBe(9);
    const model = await refused(lesson({ "index.mdx": `${HEAD}<PossibleOutputs file="race.py" model="jython" />\n`, "race.py": RACE }));
    expect(model.detail).toMatch(/model="gil"/);
    const stray = await refused(lesson({ "index.mdx": `${HEAD}<Outcome output="1" />\n` }));
    expect(stray.detail).toMatch(/inside a <PossibleOutputs>/);
    const noText = await refused(lesson({ "index.mdx": `${HEAD}<PossibleOutputs file="race.py">\n  <Outcome possible />\n  <Outcome output="2" />\n</PossibleOutputs>\n`, "race.py": RACE }));
    expect(noText.detail).toMatch(/needs output=/);
    expect(noText.line).toBe(10);
  });
});

describe("FindTheBlockingCall", () => {
  const program = "import asyncio\nimport time\n\nasync def main():\n    time.sleep(0.2)\n\nasyncio.run(main())\n";
  it("records the author's line, and refuses a line outside the program", async () => {
    const compiled = await compileLesson(lesson({ "index.mdx": `${HEAD}<FindTheBlockingCall file="slow.py" line={5}>Why.</FindTheBlockingCall>\n`, "slow.py": program }));
    expect(compiled.manifest.blockingCalls).toEqual([expect.objectContaining({ blockingLine: 5, filename: "slow.py", code: program })]);
    const err = await refused(lesson({ "index.mdx": `${HEAD}<FindTheBlockingCall file="slow.py" line={9} />\n`, "slow.py": program }));
    expect(err.detail).toMatch(/line of the program \(1 to 7\)/);
  });
});

describe("Myth", () => {
  it("needs a claim and an explanation", async () => {
    await compileLesson(lesson({ "index.mdx": `${HEAD}<Myth claim="The GIL prevents data races in your code.">\n  No: it protects the interpreter.\n</Myth>\n` }));
    expect((await refused(lesson({ "index.mdx": `${HEAD}<Myth claim="Short" >x</Myth>\n` }))).detail).toMatch(/needs claim=/);
    expect((await refused(lesson({ "index.mdx": `${HEAD}<Myth claim="The GIL prevents data races in your code." />\n` }))).detail).toMatch(/needs children/);
  });
});

describe("FixTheDeadlock", () => {
  it("is an exercise whose starter is also run by content:check, which expects a deadlock", async () => {
    const compiled = await compileLesson(
      lesson({
        "index.mdx": `${HEAD}<FixTheDeadlock id="two-locks">\n  Fix it.\n</FixTheDeadlock>\n`,
        "exercises/two-locks/solution.py": "#| starter\n# deadlocks()\n#| solution\nfixed()\n#| end\n",
        "exercises/two-locks/check.py": "assert True\n",
      }),
    );
    expect(compiled.manifest.exercises).toEqual([expect.objectContaining({ name: "two-locks", starter: "deadlocks()\n", solution: "fixed()\n" })]);
    // Problems with the starter's run are reported in solution.py, at the lines the starter came from.
    expect(compiled.manifest.examples).toEqual([
      expect.objectContaining({ component: "FixTheDeadlock", filename: "exercise.py", code: "deadlocks()\n", expect: "deadlock", file: expect.stringMatching(/exercises\/two-locks\/solution\.py$/), sourceLines: [2] }),
    ]);
  });
});
