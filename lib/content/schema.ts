import { z } from "zod";

/** `01.threads` → order 1, slug "threads". One regex for chapters and lessons alike. */
export const NUMBERED_DIR = /^(\d{2,3})\.([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export const ChapterFrontmatterSchema = z
  .object({
    title: z.string().min(3, "title must be at least 3 characters"),
    summary: z.string().min(10, "summary must be at least 10 characters"),
  })
  .strict();
export type ChapterFrontmatter = z.infer<typeof ChapterFrontmatterSchema>;

export const LessonFrontmatterSchema = z
  .object({
    title: z.string().min(3, "title must be at least 3 characters"),
    summary: z.string().min(10, "summary must be at least 10 characters"),
    objectives: z.array(z.string().min(3)).min(1, "list at least one objective"),
    minutes: z.number().int("minutes must be a whole number").positive().max(240),
    /** Drafts are hidden from learners (authoring issue). */
    draft: z.boolean().default(false),
    /** Lesson ids ("chapter/lesson") a learner should finish first. */
    prerequisites: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'use "chapter-slug/lesson-slug"')).default([]),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;
