import { describe, expect, it } from "vitest";
import { getCompiledLesson } from "./compile";
import { loadCourse } from "./discover";

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
});
