import type { Course } from "@/lib/content/discover";
import type { CourseOutline } from "./grid";

/** The parts of the course the teaching pages need. */
export function outlineOf(course: Course): CourseOutline {
  return {
    chapters: course.chapters.map((c) => ({
      slug: c.slug,
      number: c.number,
      title: c.frontmatter.title,
      lessons: c.lessons.map((l) => ({ id: l.id, title: l.frontmatter.title, href: l.href, exercises: l.exercises })),
    })),
  };
}
