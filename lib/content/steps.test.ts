/** The compiler's side of the interactive steps of issue 20 (tolerant predictions, possible outputs, myths,
 *  deadlock and blocking-call exercises): what each inlines and what it refuses, with the file and line. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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

let roots: string[] = [];
function lesson(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-steps-"));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return path.join(root, "index.mdx");
}
afterEach(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  roots = [];
});

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
