import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import { ContentError } from "./errors";
import {
  ChapterFrontmatterSchema,
  LessonFrontmatterSchema,
  NUMBERED_DIR,
  type ChapterFrontmatter,
  type LessonFrontmatter,
} from "./schema";

export interface LessonMeta {
  /** "chapter-slug/lesson-slug": the id progress is stored under. */
  id: string;
  chapterSlug: string;
  slug: string;
  order: number;
  dir: string;
  file: string;
  href: string;
  frontmatter: LessonFrontmatter;
  /** The names of its `<Exercise id="…">`s and `<FixTheDeadlock id="…">`s, in order (read from the MDX without compiling it). */
  exercises: string[];
  /** Its runnable examples (`<CodeRunner>`, `<PredictOutput>`, the deadlocking starter of a `<FixTheDeadlock>`), counted in the MDX without compiling it. */
  examples: number;
}

export interface ChapterMeta {
  slug: string;
  order: number;
  /** 1-based position in the course, for "Chapter 2". */
  number: number;
  dir: string;
  file: string;
  frontmatter: ChapterFrontmatter;
  lessons: LessonMeta[];
}

export interface Course {
  chapters: ChapterMeta[];
  /** Every lesson in reading order. */
  lessons: LessonMeta[];
}

/** The glossary: content/glossary/index.mdx, shown at /glossary; lessons link its terms as /glossary#term. */
export const GLOSSARY_PATH = "/glossary";
export const GLOSSARY_ID = "glossary";
export function glossaryFile(root = contentRoot()): string {
  return path.join(root, "glossary", "index.mdx");
}

export function contentRoot(): string {
  return process.env.CONTENT_DIR ? path.resolve(process.env.CONTENT_DIR) : path.join(process.cwd(), "content");
}

/** Parse a file's YAML frontmatter and validate it, naming the file and line on failure. */
export function readFrontmatter<S extends z.ZodType>(file: string, schema: S): { data: z.output<S>; body: string } {
  const raw = fs.readFileSync(file, "utf8");
  if (!raw.startsWith("---")) throw new ContentError(file, 1, "missing frontmatter (the file must start with ---)");
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; an empty options object disables that cache.
    parsed = matter(raw, {});
  } catch (err) {
    const mark = (err as { mark?: { line?: number; column?: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    // js-yaml counts lines from 0 inside the frontmatter block, which starts on the file's line 2.
    throw new ContentError(file, mark?.line !== undefined ? mark.line + 2 : undefined, `invalid YAML frontmatter: ${reason}`);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path[0];
    const lines = raw.split("\n");
    let line: number | undefined;
    if (typeof key === "string") {
      const idx = lines.findIndex((l, i) => i > 0 && new RegExp(`^${key}\\s*:`).test(l));
      if (idx > 0) line = idx + 1;
    } else if (issue.code === "unrecognized_keys") {
      const unknown = (issue as { keys?: string[] }).keys?.[0];
      const idx = unknown ? lines.findIndex((l, i) => i > 0 && new RegExp(`^${unknown}\\s*:`).test(l)) : -1;
      if (idx > 0) line = idx + 1;
    }
    const where = issue.path.length ? `"${issue.path.join(".")}": ` : "";
    throw new ContentError(file, line ?? 1, `invalid frontmatter: ${where}${issue.message}`);
  }
  return { data: result.data, body: parsed.content };
}

/** The numbered folders (NN.slug) in `parent`, in their order. */
export function numberedDirs(parent: string): { name: string; order: number; slug: string }[] {
  return fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const m = NUMBERED_DIR.exec(d.name);
      return m ? [{ name: d.name, order: Number(m[1]), slug: m[2]! }] : [];
    })
    .sort((a, b) => a.order - b.order);
}

/** Read the course structure from disk. Throws ContentError on the first broken file. */
export function loadCourse(root = contentRoot()): Course {
  const chapters: ChapterMeta[] = [];
  const seenChapters = new Map<string, string>();
  for (const [index, c] of numberedDirs(root).entries()) {
    const dir = path.join(root, c.name);
    const file = path.join(dir, "chapter.mdx");
    if (!fs.existsSync(file)) throw new ContentError(dir, undefined, "chapter folder has no chapter.mdx");
    const dup = seenChapters.get(c.slug);
    if (dup) throw new ContentError(dir, undefined, `chapter slug "${c.slug}" is also used by ${dup}`);
    seenChapters.set(c.slug, dir);
    const { data } = readFrontmatter(file, ChapterFrontmatterSchema);
    const lessons: LessonMeta[] = [];
    const seenLessons = new Set<string>();
    for (const l of numberedDirs(dir)) {
      const ldir = path.join(dir, l.name);
      const lfile = path.join(ldir, "index.mdx");
      if (!fs.existsSync(lfile)) throw new ContentError(ldir, undefined, "lesson folder has no index.mdx");
      if (seenLessons.has(l.slug)) throw new ContentError(ldir, undefined, `lesson slug "${l.slug}" is used twice in ${c.name}`);
      seenLessons.add(l.slug);
      const { data: fm, body } = readFrontmatter(lfile, LessonFrontmatterSchema);
      lessons.push({
        id: `${c.slug}/${l.slug}`,
        chapterSlug: c.slug,
        slug: l.slug,
        order: l.order,
        dir: ldir,
        file: lfile,
        href: `/learn/${c.slug}/${l.slug}`,
        frontmatter: fm,
        exercises: [...body.matchAll(/<(?:Exercise|FixTheDeadlock)\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!),
        examples: body.match(/<(?:CodeRunner|PredictOutput|FixTheDeadlock)\b/g)?.length ?? 0,
      });
    }
    chapters.push({ slug: c.slug, order: c.order, number: index + 1, dir, file, frontmatter: data, lessons });
  }
  return { chapters, lessons: chapters.flatMap((c) => c.lessons) };
}

let cached: Course | undefined;

/** The course as learners see it (drafts removed). Cached in production; re-read in development. */
export function getCourse(options: { includeDrafts?: boolean } = {}): Course {
  const course = process.env.NODE_ENV === "production" ? (cached ??= loadCourse()) : loadCourse();
  if (options.includeDrafts) return course;
  const chapters = course.chapters
    .map((c) => ({ ...c, lessons: c.lessons.filter((l) => !l.frontmatter.draft) }))
    .filter((c) => c.lessons.length > 0);
  return { chapters, lessons: chapters.flatMap((c) => c.lessons) };
}

export function findLesson(course: Course, chapterSlug: string, lessonSlug: string) {
  const index = course.lessons.findIndex((l) => l.chapterSlug === chapterSlug && l.slug === lessonSlug);
  if (index < 0) return undefined;
  const lesson = course.lessons[index]!;
  const chapter = course.chapters.find((c) => c.slug === chapterSlug)!;
  return { lesson, chapter, previous: course.lessons[index - 1], next: course.lessons[index + 1] };
}
