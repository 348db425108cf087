import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { SHOWN_EMAIL_SELECT, shownEmail } from "@/lib/lti/claims";
import { buildGrid, exerciseName, type ClassGrid, type CourseOutline } from "@/lib/teach/grid";
import { defaultOutline } from "./classes";

/**
 * What teachers see of their learners. Every query is scoped twice: to a class the viewer teaches, and to learners
 * enrolled in that class (a learner who leaves disappears from all of it). The grid costs the same seven SQL statements for
 * 5 learners or 500 (lib/data/class-progress.test.ts counts them): nothing here loops over learners with a query.
 */

/** Attempts of one learner on one exercise shown in the cell detail (the newest ones). */
const DETAIL_ATTEMPTS = 50;
const DETAIL_OUTPUT_CHARS = 2000;

function classScope(viewerId: string, classId: string) {
  return { id: classId, teachers: { some: { userId: viewerId } } };
}

/** Rows of learners enrolled in the class: the relation filter keeps it one query at any class size. */
function enrolledIn(classId: string) {
  return { user: { enrollments: { some: { classId } } } };
}

export async function getClassGrid(viewerId: string, classId: string, outline: CourseOutline = defaultOutline(), now = Date.now()): Promise<ClassGrid | null> {
  const c = await db.class.findFirst({
    where: classScope(viewerId, classId),
    select: { helpFailedAttempts: true, helpInactiveDays: true, assignments: { select: { id: true, kind: true, target: true, dueAt: true } } },
  });
  if (!c) return null;
  const [enrollments, progress, attempts] = await Promise.all([
    db.enrollment.findMany({ where: { classId }, select: { joinedAt: true, user: { select: { id: true, name: true, ...SHOWN_EMAIL_SELECT } } } }),
    db.lessonProgress.findMany({
      where: enrolledIn(classId),
      select: { userId: true, lessonId: true, lastOpenedAt: true, completedAt: true, secondsSpent: true },
    }),
    db.exerciseAttempt.groupBy({
      by: ["userId", "exerciseId", "lessonId", "passed"],
      where: enrolledIn(classId),
      _count: { _all: true },
      _min: { createdAt: true },
      _max: { createdAt: true, hintsUsed: true },
    }),
  ]);
  return buildGrid({
    outline,
    assignments: c.assignments,
    learners: enrollments.map((e) => ({ id: e.user.id, name: e.user.name, email: shownEmail(e.user), joinedAt: e.joinedAt })),
    progress,
    attempts: attempts.map((g) => ({
      userId: g.userId,
      exerciseId: g.exerciseId,
      lessonId: g.lessonId,
      passed: g.passed,
      count: g._count._all,
      firstAt: g._min.createdAt!,
      lastAt: g._max.createdAt!,
      maxHints: g._max.hintsUsed ?? 0,
    })),
    thresholds: { failedAttempts: c.helpFailedAttempts, inactiveDays: c.helpInactiveDays },
    now,
  });
}

export interface CellDetail {
  learner: { id: string; name: string; email: string };
  item: { id: string; kind: "lesson" | "exercise"; title: string; lessonId: string };
  lesson: { firstOpenedAt: number; lastOpenedAt: number; completedAt: number | null; secondsSpent: number; position: number } | null;
  attempts: { id: string; exerciseId: string; at: number; passed: boolean; hintsUsed: number; code: string; output: string }[];
  /** More attempts exist than are returned. */
  truncated: boolean;
}

/**
 * One learner's work on one grid item: their attempts over time with the submitted code (an exercise id), or their
 * reading progress and the attempts made in it (a lesson id). Null unless the viewer teaches the class and the
 * learner is enrolled in it.
 */
export async function getCellDetail(viewerId: string, classId: string, learnerId: string, itemId: string, outline: CourseOutline = defaultOutline()): Promise<CellDetail | null> {
  const enrollment = await db.enrollment.findFirst({
    where: { classId, userId: learnerId, class: { teachers: { some: { userId: viewerId } } } },
    select: { user: { select: { id: true, name: true, ...SHOWN_EMAIL_SELECT } } },
  });
  if (!enrollment) return null;
  const lesson = outline.chapters.flatMap((c) => c.lessons).find((l) => l.id === itemId);
  const where = lesson ? { userId: learnerId, lessonId: itemId } : { userId: learnerId, exerciseId: itemId };
  const [progress, attempts] = await Promise.all([
    lesson ? db.lessonProgress.findUnique({ where: { userId_lessonId: { userId: learnerId, lessonId: itemId } } }) : null,
    db.exerciseAttempt.findMany({ where, orderBy: { createdAt: "desc" }, take: DETAIL_ATTEMPTS + 1 }),
  ]);
  if (!lesson && attempts.length === 0) {
    // An exercise id the learner never tried: still a valid (empty) cell if it names an exercise of the course.
    const lessonId = itemId.split("#")[0] ?? "";
    if (!outline.chapters.some((c) => c.lessons.some((l) => l.id === lessonId))) return null;
  }
  const u = enrollment.user;
  return {
    learner: { id: u.id, name: u.name?.trim() || shownEmail(u), email: shownEmail(u) },
    item: lesson
      ? { id: itemId, kind: "lesson", title: lesson.title, lessonId: itemId }
      : { id: itemId, kind: "exercise", title: exerciseName(itemId), lessonId: attempts[0]?.lessonId ?? itemId.split("#")[0] ?? "" },
    lesson: progress
      ? {
          firstOpenedAt: progress.firstOpenedAt.getTime(),
          lastOpenedAt: progress.lastOpenedAt.getTime(),
          completedAt: progress.completedAt?.getTime() ?? null,
          secondsSpent: progress.secondsSpent,
          position: progress.position,
        }
      : null,
    attempts: attempts
      .slice(0, DETAIL_ATTEMPTS)
      .reverse()
      .map((a) => ({ id: a.id, exerciseId: a.exerciseId, at: a.createdAt.getTime(), passed: a.passed, hintsUsed: a.hintsUsed, code: a.code, output: a.output.slice(0, DETAIL_OUTPUT_CHARS) })),
    truncated: attempts.length > DETAIL_ATTEMPTS,
  };
}

/**
 * A cheap fingerprint of everything the class page shows; it changes whenever a learner saves progress or an
 * attempt, joins or leaves, or a teacher edits the class or its assignments. The page polls it and re-renders only
 * when it changed. Null when the viewer does not teach the class.
 */
export async function getClassVersion(viewerId: string, classId: string): Promise<string | null> {
  const c = await db.class.findFirst({
    where: classScope(viewerId, classId),
    select: { name: true, description: true, joinCode: true, archivedAt: true, helpFailedAttempts: true, helpInactiveDays: true },
  });
  if (!c) return null;
  const [enrollments, progress, attempts, assignments, lti] = await Promise.all([
    db.enrollment.aggregate({ where: { classId }, _count: { _all: true }, _max: { joinedAt: true } }),
    db.lessonProgress.aggregate({
      where: enrolledIn(classId),
      _count: { _all: true, completedAt: true },
      _max: { lastOpenedAt: true, positionAt: true, completedAt: true },
      _sum: { secondsSpent: true },
    }),
    db.exerciseAttempt.aggregate({ where: enrolledIn(classId), _count: { _all: true }, _max: { createdAt: true } }),
    db.assignment.aggregate({ where: { classId }, _count: { _all: true }, _max: { updatedAt: true } }),
    // LMS grade passback ("sent to the LMS" in the grid): changes when a score is queued, sent or fails.
    db.ltiScoreOutbox.aggregate({ where: { link: { classId } }, _count: { _all: true }, _sum: { version: true, sentVersion: true, seenSeq: true, attempts: true }, _max: { sentAt: true } }),
  ]);
  const t = (d: Date | null | undefined) => d?.getTime() ?? 0;
  return [
    c.name,
    c.description,
    c.joinCode,
    t(c.archivedAt),
    c.helpFailedAttempts,
    c.helpInactiveDays,
    enrollments._count._all,
    t(enrollments._max.joinedAt),
    progress._count._all,
    progress._count.completedAt,
    t(progress._max.lastOpenedAt),
    t(progress._max.positionAt),
    t(progress._max.completedAt),
    progress._sum.secondsSpent ?? 0,
    attempts._count._all,
    t(attempts._max.createdAt),
    assignments._count._all,
    t(assignments._max.updatedAt),
    lti._count._all,
    lti._sum.version ?? 0,
    lti._sum.sentVersion ?? 0,
    lti._sum.attempts ?? 0,
    lti._sum.seenSeq ?? 0,
    t(lti._max.sentAt),
  ]
    .map(String)
    .reduce((h, part) => h.update(part).update("\u0000"), crypto.createHash("sha256"))
    .digest("base64url")
    .slice(0, 22);
}
