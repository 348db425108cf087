import "server-only";
import { clientProvider, db } from "@/lib/db/client";
import { mergeDraft, mergeLesson, type LessonProgress, type ProgressSnapshot } from "@/lib/progress/model";
import { markLtiScoresDue, notifyLtiOutbox } from "./lti";

const ATTEMPTS_RETURNED = 500;

/** The request names a record that belongs to someone else. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

interface LessonProgressRow {
  firstOpenedAt: Date;
  lastOpenedAt: Date;
  position: number;
  positionAt: Date;
  completedAt: Date | null;
  secondsSpent: number;
}

function toLessonProgress(row: LessonProgressRow): LessonProgress {
  return {
    firstOpenedAt: row.firstOpenedAt.getTime(),
    lastOpenedAt: row.lastOpenedAt.getTime(),
    position: row.position,
    positionAt: row.positionAt.getTime(),
    completedAt: row.completedAt?.getTime() ?? null,
    secondsSpent: row.secondsSpent,
  };
}

/** The user's whole progress as one snapshot (the latest attempts only). Three queries, whatever the size. */
export async function getProgressSnapshot(userId: string): Promise<ProgressSnapshot> {
  const [lessons, drafts, attempts] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId } }),
    db.codeDraft.findMany({ where: { userId } }),
    db.exerciseAttempt.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: ATTEMPTS_RETURNED }),
  ]);
  return {
    lessons: Object.fromEntries(lessons.map((l) => [l.lessonId, toLessonProgress(l)])),
    drafts: Object.fromEntries(drafts.map((d) => [d.runnerId, { code: d.code, updatedAt: d.updatedAt.getTime() }])),
    attempts: attempts
      .map((a) => ({
        id: a.id,
        exerciseId: a.exerciseId,
        lessonId: a.lessonId,
        code: a.code,
        passed: a.passed,
        hintsUsed: a.hintsUsed,
        output: a.output,
        at: a.createdAt.getTime(),
      }))
      .reverse(),
  };
}

/**
 * Merges a snapshot from the browser into the user's stored progress and returns the result. Each row is merged
 * inside one transaction with the same monotonic rules the browser uses, so concurrent saves from two tabs or
 * devices never lose an update, and replaying a save changes nothing.
 */
export async function mergeProgress(userId: string, incoming: ProgressSnapshot): Promise<ProgressSnapshot> {
  const lessonIds = Object.keys(incoming.lessons);
  const runnerIds = Object.keys(incoming.drafts);
  let ltiScoresDue = 0;
  await db.$transaction(async (tx) => {
    // Read-merge-write must not interleave for one learner. SQLite runs one write transaction at a time; PostgreSQL
    // (read committed) would let two saves read the same row and the later write drop the earlier merge, so saves
    // for the same learner take a transaction-scoped advisory lock there.
    if (clientProvider(db) === "postgresql") {
      await tx.$queryRawUnsafe("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l", `progress:${userId}`);
    }
    const [storedLessons, storedDrafts] = await Promise.all([
      lessonIds.length ? tx.lessonProgress.findMany({ where: { userId, lessonId: { in: lessonIds } } }) : [],
      runnerIds.length ? tx.codeDraft.findMany({ where: { userId, runnerId: { in: runnerIds } } }) : [],
    ]);
    const lessonsById = new Map(storedLessons.map((l) => [l.lessonId, l]));
    for (const [lessonId, p] of Object.entries(incoming.lessons)) {
      const s = lessonsById.get(lessonId);
      const merged = mergeLesson(s && toLessonProgress(s), p)!;
      const data = {
        firstOpenedAt: new Date(merged.firstOpenedAt),
        lastOpenedAt: new Date(merged.lastOpenedAt),
        position: merged.position,
        positionAt: new Date(merged.positionAt),
        completedAt: merged.completedAt === null ? null : new Date(merged.completedAt),
        secondsSpent: merged.secondsSpent,
      };
      await tx.lessonProgress.upsert({ where: { userId_lessonId: { userId, lessonId } }, create: { userId, lessonId, ...data }, update: data });
    }
    const draftsById = new Map(storedDrafts.map((d) => [d.runnerId, d]));
    for (const [runnerId, d] of Object.entries(incoming.drafts)) {
      const s = draftsById.get(runnerId);
      const merged = mergeDraft(s && { code: s.code, updatedAt: s.updatedAt.getTime() }, d)!;
      if (s && merged.updatedAt === s.updatedAt.getTime()) continue;
      const data = { code: merged.code, updatedAt: new Date(merged.updatedAt) };
      await tx.codeDraft.upsert({ where: { userId_runnerId: { userId, runnerId } }, create: { userId, runnerId, ...data }, update: data });
    }
    if (incoming.attempts.length) {
      const existing = await tx.exerciseAttempt.findMany({ where: { id: { in: incoming.attempts.map((a) => a.id) } }, select: { id: true, userId: true } });
      if (existing.some((a) => a.userId !== userId)) throw new ForbiddenError("An exercise attempt in this snapshot belongs to another account.");
      const known = new Set(existing.map((a) => a.id));
      const fresh = incoming.attempts.filter((a) => !known.has(a.id));
      if (fresh.length) {
        await tx.exerciseAttempt.createMany({
          data: fresh.map((a) => ({
            id: a.id,
            userId,
            exerciseId: a.exerciseId,
            lessonId: a.lessonId,
            code: a.code,
            passed: a.passed,
            hintsUsed: a.hintsUsed,
            output: a.output,
            createdAt: new Date(a.at),
          })),
        });
      }
    }
    // LMS grade passback: the learner's scores are due again, in this transaction, so no restart can lose them.
    if (lessonIds.length || incoming.attempts.length) ltiScoresDue = await markLtiScoresDue(tx, userId);
  });
  if (ltiScoresDue) notifyLtiOutbox();
  return getProgressSnapshot(userId);
}
