import "server-only";
import fs from "node:fs";
import { getCourse, type Course } from "@/lib/content/discover";
import { outlineOf } from "@/lib/teach/outline";
import { assignedLessons, type CourseOutline } from "@/lib/teach/grid";

/**
 * What an LMS assignment covers, for its score: the lessons of the assigned lesson or chapter, and the exercises
 * those lessons contain (`<Exercise id="…">` in their MDX; ids "chapter/lesson#exercise").
 */
export interface AssignmentItems {
  lessons: string[];
  exercises: string[];
  /** The lesson a learner should open first (the first one), with its URL. */
  firstHref: string | null;
  title: string;
}

const EXERCISE_TAG = /<Exercise\b[^>]*?\bid\s*=\s*["']([a-z0-9-]+)["']/g;
const exercisesCache = new Map<string, { mtimeMs: number; ids: string[] }>();

/** The exercise ids of one lesson, read from its MDX (cached until the file changes). */
export function lessonExercises(lessonId: string, file: string): string[] {
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = exercisesCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.ids;
  const ids = [...new Set([...fs.readFileSync(file, "utf8").matchAll(EXERCISE_TAG)].map((m) => `${lessonId}#${m[1]}`))];
  exercisesCache.set(file, { mtimeMs, ids });
  return ids;
}

export function describeAssignmentTarget(outline: CourseOutline, kind: string, target: string): string | null {
  if (kind === "chapter") {
    const c = outline.chapters.find((ch) => ch.slug === target);
    return c ? `Chapter ${c.number}: ${c.title}` : null;
  }
  for (const c of outline.chapters) {
    const i = c.lessons.findIndex((l) => l.id === target);
    if (i >= 0) return `${c.number}.${i + 1} ${c.lessons[i]!.title}`;
  }
  return null;
}

export function assignmentItems(kind: string, target: string, course: Course = getCourse()): AssignmentItems | null {
  const outline = outlineOf(course);
  const title = describeAssignmentTarget(outline, kind, target);
  if (!title) return null;
  const lessons = assignedLessons(outline, [{ id: "lti", kind, target, dueAt: null }]);
  const files = new Map(course.lessons.map((l) => [l.id, l.file]));
  return {
    lessons: lessons.map((l) => l.lesson.id),
    exercises: lessons.flatMap((l) => lessonExercises(l.lesson.id, files.get(l.lesson.id) ?? "")),
    firstHref: lessons[0]?.lesson.href ?? null,
    title,
  };
}

export function courseOutline(): CourseOutline {
  return outlineOf(getCourse());
}
