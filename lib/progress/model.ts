import { z } from "zod";

/**
 * Learner progress as the browser keeps it and the server stores it. Every field merges monotonically, so applying
 * the same change twice, from two tabs, or after being offline never loses anything:
 * first-opened = earliest, last-opened = latest, completed = earliest completion, seconds = largest total,
 * reading position = the one reported latest, drafts = the newest edit, attempts = union by id.
 *
 * Devices sync by deltas (lib/data/progress.ts, components/progress/progress-store.ts): a device sends what changed
 * since its last acknowledged sync together with its cursor, and the server answers with what the device is missing
 * since that cursor. Attempts travel one way: the server keeps every attempt and answers with per-exercise summaries
 * (how many, how many failed, first pass, most hints), so a device holds only the attempts it has not yet had
 * acknowledged plus one small summary per exercise, however many attempts the learner makes.
 */
/** Milliseconds since 1970, before the year 10000 (timestamps are stored as ISO text in SQLite, which orders them). */
const Timestamp = z.number().int().nonnegative().max(253_402_300_799_999, "timestamps must be before the year 10000");
export const LessonIdSchema = z.string().max(200).regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'lesson ids look like "chapter-slug/lesson-slug"');
export const RunnerIdSchema = z.string().min(1).max(240).regex(/^[\w./:-]+$/, "runner ids use letters, digits and . / : _ -");
export const ExerciseIdSchema = z.string().min(1).max(240);
export const MAX_DRAFT_CHARS = 200_000;

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
  code: z.string().max(MAX_DRAFT_CHARS, "a saved program may be at most 200,000 characters"),
  updatedAt: Timestamp,
});
export type Draft = z.infer<typeof DraftSchema>;

export const AttemptSchema = z.object({
  id: z.string().uuid(),
  exerciseId: ExerciseIdSchema,
  lessonId: LessonIdSchema,
  code: z.string().max(MAX_DRAFT_CHARS, "a checked program may be at most 200,000 characters"),
  passed: z.boolean(),
  hintsUsed: z.number().int().min(0).max(100),
  output: z.string().max(10_000).default(""),
  at: Timestamp,
});
export type Attempt = z.infer<typeof AttemptSchema>;

/** All of one learner's attempts at one exercise that the server has stored, in numbers. */
export const ExerciseSummarySchema = z.object({
  lessonId: LessonIdSchema,
  attempts: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The first passing attempt, if any. */
  passedAt: Timestamp.nullable(),
  maxHints: z.number().int().min(0),
  lastAt: Timestamp,
});
export type ExerciseSummary = z.infer<typeof ExerciseSummarySchema>;

export const ProgressSnapshotSchema = z.object({
  lessons: z.record(LessonIdSchema, LessonProgressSchema).default({}),
  drafts: z.record(RunnerIdSchema, DraftSchema).default({}),
  /** Attempts not counted in `exercises` (on a device: those the server has not acknowledged yet). No cap: they are
   *  what the learner did and must reach the account; pushes carry them in batches. */
  attempts: z.array(AttemptSchema).default([]),
  /** Per-exercise summaries of the attempts the server has stored. */
  exercises: z.record(ExerciseIdSchema, ExerciseSummarySchema).default({}),
});
export type ProgressSnapshot = z.infer<typeof ProgressSnapshotSchema>;

export const emptySnapshot = (): ProgressSnapshot => ({ lessons: {}, drafts: {}, attempts: [], exercises: {} });

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

/** Summaries only grow: the one that counts more attempts is the newer (equal counts describe the same attempts). */
export function mergeSummary(a: ExerciseSummary | undefined, b: ExerciseSummary | undefined): ExerciseSummary | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.attempts > a.attempts || (b.attempts === a.attempts && b.lastAt > a.lastAt) ? b : a;
}

export function sameLesson(a: LessonProgress | undefined, b: LessonProgress | undefined): boolean {
  return Boolean(a && b) && a!.firstOpenedAt === b!.firstOpenedAt && a!.lastOpenedAt === b!.lastOpenedAt && a!.position === b!.position && a!.positionAt === b!.positionAt && a!.completedAt === b!.completedAt && a!.secondsSpent === b!.secondsSpent;
}

export function mergeSnapshots(a: ProgressSnapshot, b: ProgressSnapshot): ProgressSnapshot {
  const lessons: Record<string, LessonProgress> = { ...a.lessons };
  for (const [id, p] of Object.entries(b.lessons)) lessons[id] = mergeLesson(lessons[id], p)!;
  const drafts: Record<string, Draft> = { ...a.drafts };
  for (const [id, d] of Object.entries(b.drafts)) drafts[id] = mergeDraft(drafts[id], d)!;
  const seen = new Set(a.attempts.map((x) => x.id));
  const attempts = [...a.attempts, ...b.attempts.filter((x) => !seen.has(x.id))].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
  const exercises: Record<string, ExerciseSummary> = { ...a.exercises };
  for (const [id, e] of Object.entries(b.exercises)) exercises[id] = mergeSummary(exercises[id], e)!;
  return { lessons, drafts, attempts, exercises };
}

/** What a learner has done on one exercise: the server's summary plus the attempts not yet counted in it. */
export interface ExerciseStats {
  attempts: number;
  failed: number;
  passed: boolean;
  maxHints: number;
}

export function exerciseStats(snapshot: ProgressSnapshot, exerciseId: string): ExerciseStats {
  const s = snapshot.exercises[exerciseId];
  const stats: ExerciseStats = { attempts: s?.attempts ?? 0, failed: s?.failed ?? 0, passed: s ? s.passedAt !== null : false, maxHints: s?.maxHints ?? 0 };
  for (const a of snapshot.attempts) {
    if (a.exerciseId !== exerciseId) continue;
    stats.attempts += 1;
    if (a.passed) stats.passed = true;
    else stats.failed += 1;
    stats.maxHints = Math.max(stats.maxHints, a.hintsUsed);
  }
  return stats;
}

// ---- Sync by deltas: what a device sends and what the server answers ----

/** Most items one push may carry; the browser sends more in several pushes. */
export const PUSH_LIMITS = { lessons: 200, drafts: 100, attempts: 100, bytes: 1_000_000 } as const;

/**
 * A push: the device's cursor (null when it knows nothing of the account yet) and the changes since its last
 * acknowledged sync. Items are checked one by one on the server (ProgressItemSchemas): one the server cannot store
 * is refused on its own and named in the answer, so it never blocks the others.
 */
export const ProgressPushSchema = z.object({
  cursor: z.number().int().min(0).nullable().default(null),
  lessons: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((r) => Object.keys(r).length <= PUSH_LIMITS.lessons, `at most ${PUSH_LIMITS.lessons} lessons per push`),
  drafts: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((r) => Object.keys(r).length <= PUSH_LIMITS.drafts, `at most ${PUSH_LIMITS.drafts} drafts per push`),
  attempts: z.array(z.unknown()).max(PUSH_LIMITS.attempts, `at most ${PUSH_LIMITS.attempts} attempts per push`).default([]),
});
export type ProgressPush = z.input<typeof ProgressPushSchema>;

export type ItemKind = "lesson" | "draft" | "attempt";
export const RejectedItemSchema = z.object({ kind: z.enum(["lesson", "draft", "attempt"]), id: z.string(), message: z.string() });
export type RejectedItem = z.infer<typeof RejectedItemSchema>;

/** The server's answer: the new cursor, what the device was missing since its cursor, and what it refused. */
export const ProgressPullSchema = z.object({
  cursor: z.number().int().min(0),
  /** More changes wait beyond `cursor`: ask again. */
  more: z.boolean(),
  lessons: z.record(LessonIdSchema, LessonProgressSchema),
  drafts: z.record(RunnerIdSchema, DraftSchema),
  exercises: z.record(ExerciseIdSchema, ExerciseSummarySchema),
  rejected: z.array(RejectedItemSchema),
});
export type ProgressPull = z.infer<typeof ProgressPullSchema>;

/** Parse one pushed item; the message of a refusal is meant for the learner. */
export function parseItem(kind: ItemKind, id: string, value: unknown): { ok: true; value: LessonProgress | Draft | Attempt } | { ok: false; message: string } {
  const idCheck = kind === "lesson" ? LessonIdSchema.safeParse(id) : kind === "draft" ? RunnerIdSchema.safeParse(id) : { success: true as const };
  if (!idCheck.success) return { ok: false, message: idCheck.error.issues[0]?.message ?? "invalid id" };
  const schema = kind === "lesson" ? LessonProgressSchema : kind === "draft" ? DraftSchema : AttemptSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue ? `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` : "invalid" };
  }
  return { ok: true, value: parsed.data };
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
  for (const e of Object.values(snapshot.exercises)) {
    add(e.lastAt);
    add(e.passedAt);
  }
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

export type ContinueTarget<L> = { kind: "start" | "continue" | "next" | "review"; lesson: L };

/**
 * Where "Continue" leads (issue 21, item 6): the lesson opened last while it is unfinished; once it is completed,
 * the next unfinished lesson after it in course order (then from the start); with everything completed, the first
 * lesson to review. Before any progress it is the first lesson. `lessons` is in course order.
 */
export function continueTarget<L extends { id: string }>(lessons: readonly L[], progress: ProgressSnapshot["lessons"]): ContinueTarget<L> | null {
  const first = lessons[0];
  if (!first) return null;
  let latest = -1;
  for (let i = 0; i < lessons.length; i++) {
    const p = progress[lessons[i]!.id];
    if (p && (latest < 0 || p.lastOpenedAt > progress[lessons[latest]!.id]!.lastOpenedAt)) latest = i;
  }
  if (latest < 0) return { kind: "start", lesson: first };
  if (!progress[lessons[latest]!.id]!.completedAt) return { kind: "continue", lesson: lessons[latest]! };
  for (let k = 1; k < lessons.length; k++) {
    const l = lessons[(latest + k) % lessons.length]!;
    if (!progress[l.id]?.completedAt) return { kind: "next", lesson: l };
  }
  return { kind: "review", lesson: first };
}

/** The button's words for a continue target. */
export function continueLabel(target: ContinueTarget<{ title: string }>): string {
  switch (target.kind) {
    case "start":
      return "Start the course";
    case "continue":
    case "next":
      return `Continue: ${target.lesson.title}`;
    case "review":
      return `Course complete · review: ${target.lesson.title}`;
  }
}
