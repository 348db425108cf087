import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { compileMdx, getCompiledLesson } from "./compile";
import { GLOSSARY_ID, GLOSSARY_PATH, glossaryFile, loadCourse } from "./discover";

// The real course in content/: every file parses and every lesson compiles (the build would fail otherwise, but this
// names the broken file and line sooner).
const course = loadCourse();

describe("the course in content/", () => {
  it("has chapters with lessons", () => {
    expect(course.chapters.length).toBeGreaterThan(0);
    for (const chapter of course.chapters) expect(chapter.lessons.length, chapter.dir).toBeGreaterThan(0);
  });

  it.each(course.lessons.map((l) => [l.id, l] as const))("%s compiles, with the exercises and examples discover counted", async (_id, lesson) => {
    const compiled = await getCompiledLesson(lesson.file);
    expect(compiled.code.length).toBeGreaterThan(100);
    // The teacher's grid and /author read these from the MDX without compiling it (issue 21, items 4 and 9).
    expect(lesson.exercises).toEqual(compiled.manifest.exercises.map((e) => e.name));
    expect(lesson.examples).toBe(compiled.manifest.examples.length);
  });

  it("lists prerequisites that exist", () => {
    const ids = new Set(course.lessons.map((l) => l.id));
    for (const lesson of course.lessons) {
      for (const p of lesson.frontmatter.prerequisites) expect(ids.has(p), `${lesson.file}: unknown prerequisite ${p}`).toBe(true);
    }
  });

  it.each(course.lessons.filter((l) => !l.frontmatter.draft).map((l) => [l.id, l.file] as const))("%s has a predict step and links the glossary", async (_id, file) => {
    const { manifest } = await getCompiledLesson(file);
    expect(manifest.examples.some((e) => e.component === "PredictOutput"), `${file}: every lesson has a <PredictOutput> step`).toBe(true);
    const terms = manifest.links.filter((l) => l.url.startsWith(`${GLOSSARY_PATH}#`));
    expect(terms.length, `${file}: link the terms it relies on to the glossary, e.g. [switch point](/glossary#switch-point)`).toBeGreaterThan(0);
  });

  it("has a glossary whose terms are the ones lessons link to", async () => {
    const file = glossaryFile();
    const glossary = await compileMdx(fs.readFileSync(file, "utf8"), { file, lessonId: GLOSSARY_ID });
    const terms = new Set(glossary.toc.map((t) => t.id));
    for (const needed of ["switch-point", "worker", "process", "thread", "gil", "free-threaded", "event-loop", "task", "start-method"]) expect(terms.has(needed), needed).toBe(true);
    for (const lesson of course.lessons) {
      for (const link of (await getCompiledLesson(lesson.file)).manifest.links) {
        if (!link.url.startsWith(`${GLOSSARY_PATH}#`)) continue;
        expect(terms.has(link.url.slice(GLOSSARY_PATH.length + 1)), `${lesson.file}:${link.line}: no term ${link.url}`).toBe(true);
      }
    }
  });
});
