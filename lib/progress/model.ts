import { z } from "zod";

/**
 * Learner progress as the browser keeps it and the server stores it. Every field merges monotonically, so saving
 * the same snapshot twice, from two tabs, or after being offline never loses anything:
 * first-opened = earliest, last-opened = latest, completed = earliest completion, seconds = largest total,
 * reading position = the one reported latest, drafts = the newest edit, attempts = union by id.
 */
const Timestamp = z.number().int().nonnegative().max(8.64e15);
const LessonId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'lesson ids look like "chapter-slug/lesson-slug"').max(200);
const RunnerId = z.string().min(1).max(240).regex(/^[\w./:-]+$/, "runner ids use letters, digits and . / : _ -");

export const LessonProgressSchema = z.object({
  firstOpenedAt: Timestamp,
  lastOpenedAt: Timestamp,
  /** Reading position, 0 (top) to 1 (end), reported at `positionAt`. */
  position: z.number().min(0).max(1),
  positionAt: Timestamp,
  completedAt: Timestamp.nullable(),
  secondsSpent: z.number().int().nonnegative().max(10_000_000),
});
export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export const DraftSchema = z.object({
  code: z.string().max(200_000, "a saved program may be at most 200,000 characters"),
  updatedAt: Timestamp,
});
export type Draft = z.infer<typeof DraftSchema>;

export const AttemptSchema = z.object({
  id: z.string().uuid(),
  exerciseId: z.string().min(1).max(240),
  lessonId: LessonId,
  code: z.string().max(200_000),
  passed: z.boolean(),
  hintsUsed: z.number().int().min(0).max(100),
  output: z.string().max(10_000).default(""),
  at: Timestamp,
});
export type Attempt = z.infer<typeof AttemptSchema>;

export const ProgressSnapshotSchema = z.object({
  lessons: z.record(LessonId, LessonProgressSchema).default({}),
  drafts: z.record(RunnerId, DraftSchema).default({}),
  attempts: z.array(AttemptSchema).max(500).default([]),
});
export type ProgressSnapshot = z.infer<typeof ProgressSnapshotSchema>;

export const emptySnapshot = (): ProgressSnapshot => ({ lessons: {}, drafts: {}, attempts: [] });

function minNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function mergeLesson(a: LessonProgress | undefined, b: LessonProgress | undefined): LessonProgress | undefined {
  if (!a) return b;
  if (!b) return a;
  const later = b.positionAt > a.positionAt ? b : a;
  return {
    firstOpenedAt: Math.min(a.firstOpenedAt, b.firstOpenedAt),
    lastOpenedAt: Math.max(a.lastOpenedAt, b.lastOpenedAt),
    position: later.position,
    positionAt: later.positionAt,
    completedAt: minNullable(a.completedAt, b.completedAt),
    secondsSpent: Math.max(a.secondsSpent, b.secondsSpent),
  };
}

export function mergeDraft(a: Draft | undefined, b: Draft | undefined): Draft | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.updatedAt > a.updatedAt ? b : a;
}

export function mergeSnapshots(a: ProgressSnapshot, b: ProgressSnapshot): ProgressSnapshot {
  const lessons: Record<string, LessonProgress> = { ...a.lessons };
  for (const [id, p] of Object.entries(b.lessons)) lessons[id] = mergeLesson(lessons[id], p)!;
  const drafts: Record<string, Draft> = { ...a.drafts };
  for (const [id, d] of Object.entries(b.drafts)) drafts[id] = mergeDraft(drafts[id], d)!;
  const seen = new Set(a.attempts.map((x) => x.id));
  const attempts = [...a.attempts, ...b.attempts.filter((x) => !seen.has(x.id))].sort((x, y) => x.at - y.at);
  return { lessons, drafts, attempts };
}

/** Days (UTC dates) with any activity, for streaks. */
export function activityDays(snapshot: ProgressSnapshot): Set<string> {
  const days = new Set<string>();
  const add = (t: number | null) => {
    if (t) days.add(new Date(t).toISOString().slice(0, 10));
  };
  for (const l of Object.values(snapshot.lessons)) {
    add(l.firstOpenedAt);
    add(l.lastOpenedAt);
    add(l.completedAt);
  }
  for (const a of snapshot.attempts) add(a.at);
  for (const d of Object.values(snapshot.drafts)) add(d.updatedAt);
  return days;
}

/** Consecutive days with activity ending today (or yesterday, so a streak is not lost before today's lesson). */
export function currentStreak(days: Set<string>, now = Date.now()): number {
  const dayMs = 86_400_000;
  let t = now;
  if (!days.has(new Date(t).toISOString().slice(0, 10))) t -= dayMs;
  let streak = 0;
  while (days.has(new Date(t).toISOString().slice(0, 10))) {
    streak += 1;
    t -= dayMs;
  }
  return streak;
}
