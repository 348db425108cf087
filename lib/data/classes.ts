import "server-only";
import { getCourse } from "@/lib/content/discover";
import { SHOWN_EMAIL_SELECT, shownEmail } from "@/lib/lti/claims";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/schemas/auth";
import { assignedLessons, type CourseOutline } from "@/lib/teach/grid";
import { newJoinCode, normalizeJoinCode } from "@/lib/teach/join-code";
import { outlineOf } from "@/lib/teach/outline";

/**
 * Classes, their teachers, learners and assignments. Every function takes the acting user and checks it here:
 * a teacher reaches a class only through a ClassTeacher row, a learner only through their own Enrollment. A class
 * the user may not see is reported exactly like one that does not exist (null / "not found"), so ids reveal nothing.
 */

export interface Viewer {
  id: string;
  role: Role;
}

export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; field?: string };

export const CLASS_NOT_FOUND = "This class does not exist, or you do not teach it.";
const notFound = { ok: false as const, error: CLASS_NOT_FOUND };

export function canCreateClasses(role: Role): boolean {
  return role === "teacher" || role === "author" || role === "admin";
}

export function defaultOutline(): CourseOutline {
  return outlineOf(getCourse());
}

/** The class if `viewerId` teaches it, else null. The one check every teacher-side function goes through. */
async function taughtClass(viewerId: string, classId: string) {
  return db.class.findFirst({ where: { id: classId, teachers: { some: { userId: viewerId } } } });
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === "P2002";
}

// ---------- Teacher side ----------

/** What every teacher's view of a class starts with. */
export interface ClassFields {
  id: string;
  name: string;
  description: string | null;
  joinCode: string;
  archivedAt: Date | null;
  createdAt: Date;
}

function classFields(c: ClassFields): ClassFields {
  return { id: c.id, name: c.name, description: c.description, joinCode: c.joinCode, archivedAt: c.archivedAt, createdAt: c.createdAt };
}

export interface ClassListItem extends ClassFields {
  role: string;
  learners: number;
  assignments: number;
}

export async function listTaughtClasses(viewerId: string): Promise<ClassListItem[]> {
  const rows = await db.classTeacher.findMany({
    where: { userId: viewerId },
    select: { role: true, class: { include: { _count: { select: { enrollments: true, assignments: true } } } } },
    orderBy: { class: { createdAt: "desc" } },
  });
  return rows.map(({ role, class: c }) => ({
    ...classFields(c),
    role,
    learners: c._count.enrollments,
    assignments: c._count.assignments,
  }));
}

export async function createClass(viewer: Viewer, input: { name: string; description?: string }): Promise<Result<{ classId: string }>> {
  if (!canCreateClasses(viewer.role)) return { ok: false, error: "Only teacher accounts can create classes. Switch your account to teacher in Settings." };
  for (let tries = 0; tries < 5; tries++) {
    try {
      const created = await db.class.create({
        data: { name: input.name, description: input.description ?? null, joinCode: newJoinCode(), teachers: { create: { userId: viewer.id, role: "owner" } } },
      });
      return { ok: true, classId: created.id };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // a join code collision: draw again
    }
  }
  throw new Error("Could not find a free join code after 5 tries.");
}

export interface TaughtClass extends ClassFields {
  helpFailedAttempts: number;
  helpInactiveDays: number;
  viewerRole: string;
  teachers: { userId: string; name: string; email: string; role: string }[];
}

/** The class as its teachers see it, or null when the viewer does not teach it. */
export async function getTaughtClass(viewerId: string, classId: string): Promise<TaughtClass | null> {
  const c = await db.class.findFirst({
    where: { id: classId, teachers: { some: { userId: viewerId } } },
    include: { teachers: { include: { user: { select: { name: true, email: true } } }, orderBy: { addedAt: "asc" } } },
  });
  if (!c) return null;
  return {
    ...classFields(c),
    helpFailedAttempts: c.helpFailedAttempts,
    helpInactiveDays: c.helpInactiveDays,
    viewerRole: c.teachers.find((t) => t.userId === viewerId)?.role ?? "co-teacher",
    teachers: c.teachers.map((t) => ({ userId: t.userId, name: t.user.name ?? t.user.email, email: t.user.email, role: t.role })),
  };
}

export async function updateClass(
  viewerId: string,
  classId: string,
  input: { name: string; description?: string; helpFailedAttempts: number; helpInactiveDays: number },
): Promise<Result> {
  if (!(await taughtClass(viewerId, classId))) return notFound;
  await db.class.update({ where: { id: classId }, data: { ...input, description: input.description ?? null } });
  return { ok: true };
}

export async function regenerateJoinCode(viewerId: string, classId: string): Promise<Result<{ joinCode: string }>> {
  if (!(await taughtClass(viewerId, classId))) return notFound;
  for (let tries = 0; tries < 5; tries++) {
    try {
      const joinCode = newJoinCode();
      await db.class.update({ where: { id: classId }, data: { joinCode } });
      return { ok: true, joinCode };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error("Could not find a free join code after 5 tries.");
}

export async function setClassArchived(viewerId: string, classId: string, archived: boolean): Promise<Result> {
  if (!(await taughtClass(viewerId, classId))) return notFound;
  await db.class.update({ where: { id: classId }, data: { archivedAt: archived ? new Date() : null } });
  return { ok: true };
}

export async function addCoTeacher(viewerId: string, classId: string, email: string): Promise<Result<{ name: string }>> {
  if (!(await taughtClass(viewerId, classId))) return notFound;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } });
  if (!user) return { ok: false, field: "email", error: "No account uses this email. Ask your colleague to sign up first (as a teacher)." };
  if (!canCreateClasses(user.role as Role)) return { ok: false, field: "email", error: "This is a learner account. Ask its owner to switch it to teacher in Settings, then add it again." };
  const existing = await db.classTeacher.findUnique({ where: { classId_userId: { classId, userId: user.id } } });
  if (existing) return { ok: false, field: "email", error: "This person already teaches the class." };
  try {
    await db.classTeacher.create({ data: { classId, userId: user.id, role: "co-teacher" } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return { ok: true, name: user.name ?? email };
}

/** Only the owner removes co-teachers; a co-teacher may remove themselves. The owner stays. */
export async function removeCoTeacher(viewerId: string, classId: string, userId: string): Promise<Result> {
  const me = await db.classTeacher.findUnique({ where: { classId_userId: { classId, userId: viewerId } } });
  if (!me) return notFound;
  if (me.role !== "owner" && userId !== viewerId) return { ok: false, error: "Only the class's owner can remove other teachers." };
  const target = await db.classTeacher.findUnique({ where: { classId_userId: { classId, userId } } });
  if (!target) return { ok: true };
  if (target.role === "owner") return { ok: false, error: "The class's owner cannot be removed." };
  await db.classTeacher.delete({ where: { classId_userId: { classId, userId } } });
  return { ok: true };
}

export interface ClassLearner {
  id: string;
  name: string | null;
  email: string;
  joinedAt: Date;
}

export async function listClassLearners(viewerId: string, classId: string): Promise<ClassLearner[] | null> {
  if (!(await taughtClass(viewerId, classId))) return null;
  const rows = await db.enrollment.findMany({ where: { classId }, select: { joinedAt: true, user: { select: { id: true, name: true, ...SHOWN_EMAIL_SELECT } } } });
  return rows
    .map((r) => ({ id: r.user.id, name: r.user.name, email: shownEmail(r.user), joinedAt: r.joinedAt }))
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
}

export async function removeLearner(viewerId: string, classId: string, learnerId: string): Promise<Result> {
  if (!(await taughtClass(viewerId, classId))) return notFound;
  await db.enrollment.deleteMany({ where: { classId, userId: learnerId } });
  return { ok: true };
}

// ---------- Assignments ----------

export interface AssignmentView {
  id: string;
  kind: "lesson" | "chapter";
  target: string;
  title: string;
  dueAt: Date | null;
  /** The due date has passed. */
  past: boolean;
  lessons: number;
}

function describeTarget(outline: CourseOutline, kind: string, target: string): { title: string; lessons: number } | null {
  if (kind === "chapter") {
    const c = outline.chapters.find((ch) => ch.slug === target);
    return c ? { title: `Chapter ${c.number}: ${c.title}`, lessons: c.lessons.length } : null;
  }
  for (const c of outline.chapters) {
    const i = c.lessons.findIndex((l) => l.id === target);
    if (i >= 0) return { title: `${c.number}.${i + 1} ${c.lessons[i]!.title}`, lessons: 1 };
  }
  return null;
}

export async function listAssignments(viewerId: string, classId: string, outline = defaultOutline()): Promise<AssignmentView[] | null> {
  if (!(await taughtClass(viewerId, classId))) return null;
  const rows = await db.assignment.findMany({ where: { classId }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
  const now = Date.now();
  return rows.map((a) => {
    const d = describeTarget(outline, a.kind, a.target);
    return { id: a.id, kind: a.kind as "lesson" | "chapter", target: a.target, title: d?.title ?? `${a.target} (no longer in the course)`, dueAt: a.dueAt, past: a.dueAt !== null && a.dueAt.getTime() < now, lessons: d?.lessons ?? 0 };
  });
}

/** Assigns a lesson or chapter; assigning it again only changes the due date. */
export async function addAssignment(
  viewerId: string,
  input: { classId: string; kind: "lesson" | "chapter"; target: string; dueAt: Date | null },
  outline = defaultOutline(),
): Promise<Result<{ title: string }>> {
  if (!(await taughtClass(viewerId, input.classId))) return notFound;
  const d = describeTarget(outline, input.kind, input.target);
  if (!d) return { ok: false, field: "target", error: "That lesson or chapter is not in the course." };
  const where = { classId_kind_target: { classId: input.classId, kind: input.kind, target: input.target } };
  await db.assignment.upsert({ where, create: { classId: input.classId, kind: input.kind, target: input.target, dueAt: input.dueAt }, update: { dueAt: input.dueAt } });
  return { ok: true, title: d.title };
}

async function taughtAssignment(viewerId: string, assignmentId: string) {
  return db.assignment.findFirst({ where: { id: assignmentId, class: { teachers: { some: { userId: viewerId } } } } });
}

export async function updateAssignmentDue(viewerId: string, assignmentId: string, dueAt: Date | null): Promise<Result<{ classId: string }>> {
  const a = await taughtAssignment(viewerId, assignmentId);
  if (!a) return { ok: false, error: "This assignment does not exist, or you do not teach its class." };
  await db.assignment.update({ where: { id: assignmentId }, data: { dueAt } });
  return { ok: true, classId: a.classId };
}

export async function removeAssignment(viewerId: string, assignmentId: string): Promise<Result<{ classId: string }>> {
  const a = await taughtAssignment(viewerId, assignmentId);
  if (!a) return { ok: false, error: "This assignment does not exist, or you do not teach its class." };
  await db.assignment.delete({ where: { id: assignmentId } });
  return { ok: true, classId: a.classId };
}

// ---------- Learner side ----------

/** What a join page may show about a code: the class name, whether it takes learners, and the user's place in it. */
export async function findClassByCode(
  code: string,
  userId?: string,
): Promise<{ id: string; name: string; description: string | null; archived: boolean; relation: "learner" | "teacher" | null } | null> {
  const mine = userId ?? "";
  const c = await db.class.findUnique({
    where: { joinCode: normalizeJoinCode(code) },
    select: { id: true, name: true, description: true, archivedAt: true, teachers: { where: { userId: mine }, select: { userId: true } }, enrollments: { where: { userId: mine }, select: { userId: true } } },
  });
  if (!c) return null;
  const relation = c.teachers.length ? "teacher" : c.enrollments.length ? "learner" : null;
  return { id: c.id, name: c.name, description: c.description, archived: c.archivedAt !== null, relation };
}

export async function joinClass(userId: string, code: string): Promise<Result<{ classId: string; name: string; already: boolean }>> {
  const c = await db.class.findUnique({ where: { joinCode: normalizeJoinCode(code) }, include: { teachers: { where: { userId }, select: { userId: true } } } });
  if (!c) return { ok: false, field: "code", error: "No class has this code. Check it with your teacher; codes look like K7PQ-M4XD." };
  if (c.archivedAt) return { ok: false, field: "code", error: `"${c.name}" has been archived by its teacher and no longer takes learners.` };
  if (c.teachers.length) return { ok: false, field: "code", error: `You teach "${c.name}"; teachers do not join their own classes as learners.` };
  const existing = await db.enrollment.findUnique({ where: { classId_userId: { classId: c.id, userId } } });
  if (!existing) {
    try {
      await db.enrollment.create({ data: { classId: c.id, userId } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return { ok: true, classId: c.id, name: c.name, already: Boolean(existing) };
}

/** Leaving deletes the enrollment, and with it every teacher's view of this learner's progress in the class. */
export async function leaveClass(userId: string, classId: string): Promise<Result> {
  await db.enrollment.deleteMany({ where: { classId, userId } });
  return { ok: true };
}

export interface LearnerAssignment {
  lessonId: string;
  title: string;
  href: string;
  dueAt: Date | null;
  completedAt: Date | null;
  overdue: boolean;
}

export interface LearnerClass {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
  teachers: string[];
  assignments: LearnerAssignment[];
}

/** The learner's classes and their assignments (lesson by lesson, with the learner's own completion). */
export async function listMyClasses(userId: string, outline = defaultOutline(), now = Date.now()): Promise<LearnerClass[]> {
  const [enrollments, progress] = await Promise.all([
    db.enrollment.findMany({
      where: { userId },
      orderBy: { joinedAt: "asc" },
      select: {
        class: {
          select: {
            id: true,
            name: true,
            description: true,
            archivedAt: true,
            assignments: { select: { id: true, kind: true, target: true, dueAt: true } },
            teachers: { select: { user: { select: { name: true, email: true } } }, orderBy: { addedAt: "asc" } },
          },
        },
      },
    }),
    db.lessonProgress.findMany({ where: { userId, completedAt: { not: null } }, select: { lessonId: true, completedAt: true } }),
  ]);
  const done = new Map(progress.map((p) => [p.lessonId, p.completedAt]));
  return enrollments.map(({ class: c }) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    archived: c.archivedAt !== null,
    teachers: c.teachers.map((t) => t.user.name ?? t.user.email),
    assignments: c.archivedAt
      ? []
      : assignedLessons(outline, c.assignments)
          .map(({ lesson, chapter, index, dueAt }) => {
            const completedAt = done.get(lesson.id) ?? null;
            return {
              lessonId: lesson.id,
              title: `${chapter.number}.${index + 1} ${lesson.title}`,
              href: lesson.href,
              dueAt: dueAt === null ? null : new Date(dueAt),
              completedAt,
              overdue: !completedAt && dueAt !== null && dueAt < now,
            };
          })
          .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity)),
  }));
}

/** For the catalog: each assigned lesson's earliest due date across the learner's active classes. */
export async function listMyAssignedLessons(userId: string, outline = defaultOutline()): Promise<{ lessonId: string; dueAt: number | null; className: string }[]> {
  const classes = await db.class.findMany({
    where: { archivedAt: null, enrollments: { some: { userId } } },
    select: { name: true, assignments: { select: { id: true, kind: true, target: true, dueAt: true } } },
  });
  const out = new Map<string, { lessonId: string; dueAt: number | null; className: string }>();
  for (const c of classes) {
    for (const { lesson, dueAt } of assignedLessons(outline, c.assignments)) {
      const prev = out.get(lesson.id);
      if (!prev || (dueAt !== null && (prev.dueAt === null || dueAt < prev.dueAt))) out.set(lesson.id, { lessonId: lesson.id, dueAt, className: c.name });
    }
  }
  return [...out.values()];
}
