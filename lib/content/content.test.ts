import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempTree } from "@/tests/temp-tree";
import { compileLesson } from "./compile";
import { loadCourse } from "./discover";
import { ContentError } from "./errors";

const GOOD_LESSON = `---
title: A lesson
summary: A lesson used by the content pipeline's tests.
objectives:
  - Test the pipeline
minutes: 5
---

## First heading

<Callout type="tip">Hello</Callout>
`;

const course = tempTree("interleave-content-");

const chapter = `---\ntitle: Chapter one\nsummary: The first chapter of the test course.\n---\n`;

function caught(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return err as ContentError;
  }
  throw new Error("expected a ContentError");
}

async function caughtAsync(fn: () => Promise<unknown>): Promise<ContentError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return err as ContentError;
  }
  throw new Error("expected a ContentError");
}

describe("loadCourse", () => {
  it("orders chapters and lessons by their number and builds ids and links", () => {
    const root = course({
      "02.second/chapter.mdx": chapter.replace("Chapter one", "Chapter two"),
      "02.second/01.only/index.mdx": GOOD_LESSON,
      "01.first/chapter.mdx": chapter,
      "01.first/02.later/index.mdx": GOOD_LESSON,
      "01.first/01.earlier/index.mdx": GOOD_LESSON,
      "01.first/notes/scratch.txt": "not a lesson folder",
    });
    const c = loadCourse(root);
    expect(c.chapters.map((ch) => ch.slug)).toEqual(["first", "second"]);
    expect(c.lessons.map((l) => l.id)).toEqual(["first/earlier", "first/later", "second/only"]);
    expect(c.lessons[0]!.href).toBe("/learn/first/earlier");
    expect(c.chapters[1]!.number).toBe(2);
  });

  it("names the file and line of a broken frontmatter field", () => {
    const broken = GOOD_LESSON.replace("minutes: 5", "minutes: five");
    const root = course({ "01.first/chapter.mdx": chapter, "01.first/01.broken/index.mdx": broken });
    const err = caught(() => loadCourse(root));
    expect(err.file).toBe(path.join(root, "01.first/01.broken/index.mdx"));
    expect(err.line).toBe(6);
    expect(err.message).toMatch(/index\.mdx:6: invalid frontmatter: "minutes"/);
  });

  it("names the line of a misspelled (unknown) frontmatter key", () => {
    const broken = GOOD_LESSON.replace("minutes: 5", "minutes: 5\nminuets: 6");
    const root = course({ "01.first/chapter.mdx": chapter, "01.first/01.broken/index.mdx": broken });
    const err = caught(() => loadCourse(root));
    expect(err.line).toBe(7);
    expect(err.detail).toMatch(/minuets/);
  });

  it("names the line of invalid YAML", () => {
    const broken = GOOD_LESSON.replace("title: A lesson", "title: [unclosed");
    const root = course({ "01.first/chapter.mdx": chapter, "01.first/01.broken/index.mdx": broken });
    const err = caught(() => loadCourse(root));
    expect(err.detail).toMatch(/invalid YAML/);
    expect(err.line).toBeGreaterThanOrEqual(2);
  });

  it("rejects a chapter without chapter.mdx", () => {
    const root = course({ "01.first/01.a/index.mdx": GOOD_LESSON });
    expect(caught(() => loadCourse(root)).detail).toMatch(/no chapter\.mdx/);
  });
});

describe("compileLesson", () => {
  it("compiles MDX with headings for the table of contents and highlighted code", async () => {
    const root = course({
      "l/index.mdx": GOOD_LESSON + "\n```python\nprint('hi')\n```\n\n### Second heading\n",
    });
    const compiled = await compileLesson(path.join(root, "l/index.mdx"));
    expect(compiled.toc).toEqual([
      { id: "first-heading", text: "First heading", depth: 2 },
      { id: "second-heading", text: "Second heading", depth: 3 },
    ]);
    expect(compiled.code).toContain("shiki");
  });

  it("names the file and line of an MDX syntax error", async () => {
    const root = course({ "l/index.mdx": GOOD_LESSON + "\nSome text\n\n<Callout>\nnever closed\n" });
    const err = await caughtAsync(() => compileLesson(path.join(root, "l/index.mdx")));
    expect(err.file).toBe(path.join(root, "l/index.mdx"));
    expect(err.line).toBe(15);
    expect(err.message).toMatch(/index\.mdx:15:1: Expected a closing tag for `<Callout>`/);
  });

  it("rejects an unknown component, naming it and its line", async () => {
    const root = course({ "l/index.mdx": GOOD_LESSON + "\n<Spinner speed={3} />\n" });
    const err = await caughtAsync(() => compileLesson(path.join(root, "l/index.mdx")));
    expect(err.line).toBe(13);
    expect(err.detail).toMatch(/unknown component <Spinner>/);
  });

  it("requires alt text on figures and inlines the image", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const root = course({
      "ok/index.mdx": GOOD_LESSON + '\n<Figure src="d.svg" alt="A diagram of nothing" />\n',
      "ok/d.svg": svg,
      "bad/index.mdx": GOOD_LESSON + '\n<Figure src="d.svg" />\n',
      "bad/d.svg": svg,
    });
    const ok = await compileLesson(path.join(root, "ok/index.mdx"));
    expect(ok.code).toContain("data:image/svg+xml;base64,");
    const err = await caughtAsync(() => compileLesson(path.join(root, "bad/index.mdx")));
    expect(err.detail).toMatch(/alt text/);
  });

  for (const recording of [
    { what: "a recorded thread timeline", tag: "ThreadTimeline", file: "run.json", fixture: "two-sleepers.json", bad: '{"version": 1, "threads": "nope"}', inlined: "switchIntervalMs" },
    { what: "a recorded event loop", tag: "EventLoopView", file: "loop.json", fixture: "three-tasks.json", bad: '{"version": 1, "tasks": "nope"}', inlined: "readyTotal" },
  ]) {
    it(`inlines ${recording.what} and names the line of a bad one`, async () => {
      const good = fs.readFileSync(path.join(process.cwd(), "components/mdx/catalog", recording.fixture), "utf8");
      const tag = `\n<${recording.tag} src="${recording.file}" />\n`;
      const root = course({
        "ok/index.mdx": GOOD_LESSON + tag,
        [`ok/${recording.file}`]: good,
        "bad/index.mdx": GOOD_LESSON + tag,
        [`bad/${recording.file}`]: recording.bad,
      });
      const ok = await compileLesson(path.join(root, "ok/index.mdx"));
      expect(ok.code).toContain(recording.inlined);
      const err = await caughtAsync(() => compileLesson(path.join(root, "bad/index.mdx")));
      expect(err.line).toBe(13);
      expect(err.detail).toContain(`not ${recording.what}`);
    });
  }

  it("says how to record the run of an EventLoopView without src", async () => {
    const root = course({ "missing/index.mdx": GOOD_LESSON + "\n<EventLoopView />\n" });
    const missing = await caughtAsync(() => compileLesson(path.join(root, "missing/index.mdx")));
    expect(missing.detail).toMatch(/--event-loop/);
  });
});
