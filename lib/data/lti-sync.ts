import "server-only";
import { db } from "@/lib/db/client";
import type { LmsScoreView } from "@/lib/teach/lms-scores";
import { contextRole, SCOPE } from "@/lib/lti/claims";
import { assignmentItems, describeAssignmentTarget, courseOutline } from "@/lib/lti/catalog";
import { backoffMs, computeScore, type LtiScore } from "@/lib/lti/score";
import { log } from "@/lib/log";
import type { PlatformRecord } from "./lti";
import { displayNameOf, placeInClass, retryOnUniqueRace, userForIdentity } from "./lti-shared";

/**
 * What runs behind LTI launches: the score outbox (grades sent to the LMS), roster syncs (NRPS) and what teachers see
 * of both. Launches, platforms and keys are in ./lti.ts.
 */

// ---------- Score outbox ----------

export interface DueScore {
  id: string;
  version: number;
  /** The learner's progress counter when the row was claimed: the score is computed from rows up to it. */
  seq: number;
  attempts: number;
  userId: string;
  subject: string;
  link: { id: string; lineItemUrl: string | null; lineItemsUrl: string | null; agsScopes: string; resourceLinkId: string; title: string | null };
  assignment: { kind: string; target: string } | null;
  platform: PlatformRecord;
  sent: { score: number | null; maximum: number | null; activity: string | null };
}

const LOCK_MS = 2 * 60_000;

/**
 * Claims up to `limit` due outbox rows for this process (a lease, so several app servers never send the same row at
 * once). Due: the learner's progress counter moved past what the row last saw, or the row itself changed; and its
 * backoff, if any, is over.
 */
export async function claimDueScores(limit = 20, now = new Date()): Promise<DueScore[]> {
  // The comparison across the two tables is the one thing Prisma's query API cannot say; the dates are filtered below.
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "LtiScoreOutbox" o JOIN "User" u ON u."id" = o."userId"
    WHERE o."version" > o."sentVersion" OR u."progressSeq" > o."seenSeq"
    ORDER BY o."nextAttemptAt" ASC
    LIMIT ${limit * 5}`;
  if (!due.length) return [];
  const candidates = await db.ltiScoreOutbox.findMany({
    where: { id: { in: due.map((d) => d.id) }, nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    select: { id: true },
  });
  const out: DueScore[] = [];
  for (const c of candidates) {
    if (out.length >= limit) break;
    const { count } = await db.ltiScoreOutbox.updateMany({
      where: { id: c.id, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(now.getTime() + LOCK_MS) },
    });
    if (count !== 1) continue;
    const row = await db.ltiScoreOutbox.findUnique({
      where: { id: c.id },
      include: { user: { select: { progressSeq: true } }, link: { include: { platform: true, assignment: { select: { kind: true, target: true } } } } },
    });
    if (!row) continue;
    const identity = await db.ltiIdentity.findFirst({ where: { userId: row.userId, issuer: row.link.platform.issuer }, select: { subject: true } });
    if (!identity) {
      await db.ltiScoreOutbox.delete({ where: { id: row.id } });
      continue;
    }
    const { platform, assignment, ...link } = row.link;
    out.push({
      id: row.id,
      version: row.version,
      seq: row.user.progressSeq,
      attempts: row.attempts,
      userId: row.userId,
      subject: identity.subject,
      link: { id: link.id, lineItemUrl: link.lineItemUrl, lineItemsUrl: link.lineItemsUrl, agsScopes: link.agsScopes, resourceLinkId: link.resourceLinkId, title: link.title },
      assignment,
      platform,
      sent: { score: row.sentScore, maximum: row.sentMaximum, activity: row.sentActivity },
    });
  }
  return out;
}

/** The learner's current score on a link's assignment, from their stored lesson progress and exercise attempts. */
export async function currentScore(userId: string, assignment: { kind: string; target: string }): Promise<LtiScore | null> {
  const items = assignmentItems(assignment.kind, assignment.target);
  if (!items) return null;
  const [lessons, attempts] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId, lessonId: { in: items.lessons } }, select: { lessonId: true, completedAt: true } }),
    items.exercises.length
      ? db.exerciseAttempt.groupBy({ by: ["exerciseId", "passed"], where: { userId, exerciseId: { in: items.exercises } } })
      : Promise.resolve([] as { exerciseId: string; passed: boolean }[]),
  ]);
  return computeScore(items, {
    openedLessons: lessons.map((l) => l.lessonId),
    completedLessons: lessons.filter((l) => l.completedAt).map((l) => l.lessonId),
    attemptedExercises: attempts.map((a) => a.exerciseId),
    passedExercises: attempts.filter((a) => a.passed).map((a) => a.exerciseId),
  });
}

export async function saveLineItemUrl(linkId: string, lineItemUrl: string): Promise<void> {
  await db.ltiResourceLink.update({ where: { id: linkId }, data: { lineItemUrl } });
}

/** The platform accepted `score` (or there was nothing to send). Progress saved meanwhile moved the counter past `seq`: still due. */
export async function recordScoreSent(row: DueScore, score: LtiScore | null, now = new Date()): Promise<void> {
  await db.ltiScoreOutbox.update({
    where: { id: row.id },
    data: {
      sentVersion: row.version,
      seenSeq: row.seq,
      attempts: 0,
      lockedUntil: null,
      lastError: null,
      ...(score ? { sentScore: score.scoreGiven, sentMaximum: score.scoreMaximum, sentActivity: score.activityProgress, sentAt: now } : {}),
    },
  });
}

export async function recordScoreFailed(row: DueScore, error: string, now = new Date(), random = Math.random): Promise<Date> {
  const attempts = row.attempts + 1;
  const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts, random));
  await db.ltiScoreOutbox.update({ where: { id: row.id }, data: { attempts, nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 500) } });
  return nextAttemptAt;
}

/** Old login states, handoffs and picker sessions (kept a day past expiry so a replay is named as such). */
export async function purgeExpiredLtiRows(now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - 24 * 3600_000);
  await db.ltiLaunchState.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.ltiHandoff.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.ltiDeepLinkSession.deleteMany({ where: { expiresAt: { lt: before } } });
}

// ---------- Roster (NRPS) ----------

export interface RosterMember {
  userId: string;
  roles: string[];
  status?: string | null;
  name?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  email?: string | null;
}

export interface RosterContext {
  contextRowId: string;
  classId: string;
  membershipsUrl: string;
  platform: PlatformRecord;
}

/** The LMS course behind a class, when the viewer teaches it and it came from an LMS. */
export async function getRosterContext(viewerId: string, classId: string): Promise<RosterContext | null> {
  const row = await db.ltiContext.findFirst({ where: { classId, class: { teachers: { some: { userId: viewerId } } } }, include: { platform: true } });
  if (!row || !row.membershipsUrl) return null;
  return { contextRowId: row.id, classId: row.classId, membershipsUrl: row.membershipsUrl, platform: row.platform };
}

/** Contexts whose roster is due for a sync (never synced, or synced before `olderThan`). */
export async function contextsDueForRoster(olderThan: Date, limit = 5): Promise<RosterContext[]> {
  const rows = await db.ltiContext.findMany({
    where: { membershipsUrl: { not: null }, OR: [{ rosterSyncedAt: null }, { rosterSyncedAt: { lt: olderThan } }] },
    include: { platform: true },
    orderBy: { rosterSyncedAt: "asc" },
    take: limit,
  });
  return rows.map((r) => ({ contextRowId: r.id, classId: r.classId, membershipsUrl: r.membershipsUrl!, platform: r.platform }));
}

export interface RosterSummary {
  learners: number;
  teachers: number;
  added: number;
  removed: number;
}

/**
 * Applies a roster from the platform: every active member gets an account (by issuer and subject) and a place in
 * the class; learners who never launched so appear as "not started". Members the roster marks inactive or deleted,
 * and LMS learners no longer listed, leave the class; people who joined with the class code are left alone.
 */
export async function applyRoster(ctx: RosterContext, members: RosterMember[], now = new Date()): Promise<RosterSummary> {
  const summary: RosterSummary = { learners: 0, teachers: 0, added: 0, removed: 0 };
  const active = new Set<string>();
  for (const m of members) {
    const role = contextRole(m.roles);
    const status = (m.status ?? "Active").toLowerCase();
    if (role === "other" || status !== "active") continue;
    await retryOnUniqueRace(() => db.$transaction(async (tx) => {
      const { userId } = await userForIdentity(tx, ctx.platform.issuer, m.userId, {
        name: displayNameOf(m),
        email: m.email?.trim().toLowerCase() || null,
        role: role === "teacher" ? "teacher" : "learner",
      });
      active.add(userId);
      const before = role === "teacher" ? await tx.classTeacher.count({ where: { classId: ctx.classId, userId } }) : await tx.enrollment.count({ where: { classId: ctx.classId, userId } });
      await placeInClass(tx, ctx.classId, userId, role);
      if (!before) summary.added += 1;
    }));
    if (role === "teacher") summary.teachers += 1;
    else summary.learners += 1;
  }
  // LMS learners of this platform who are no longer active members leave the class.
  const lmsLearners = await db.enrollment.findMany({
    where: { classId: ctx.classId, user: { ltiIdentities: { some: { issuer: ctx.platform.issuer } } } },
    select: { userId: true },
  });
  const gone = lmsLearners.map((e) => e.userId).filter((id) => !active.has(id));
  if (gone.length) {
    const { count } = await db.enrollment.deleteMany({ where: { classId: ctx.classId, userId: { in: gone } } });
    summary.removed = count;
  }
  await db.ltiContext.update({ where: { id: ctx.contextRowId }, data: { rosterSyncedAt: now, rosterError: null } });
  log.info("lti.roster_synced", { classId: ctx.classId, ...summary });
  return summary;
}

export async function recordRosterError(contextRowId: string, error: string, now = new Date()): Promise<void> {
  // rosterSyncedAt moves too, so a failing platform is retried on the worker's schedule rather than every pass.
  await db.ltiContext.update({ where: { id: contextRowId }, data: { rosterError: error.slice(0, 500), rosterSyncedAt: now } });
}

// ---------- What teachers see ----------

export interface ClassLtiView {
  platformName: string;
  contextTitle: string | null;
  rosterSyncedAt: Date | null;
  rosterError: string | null;
  canSyncRoster: boolean;
  links: { id: string; title: string; hasLineItem: boolean }[];
  /** Per learner, per link: what the LMS gradebook has from us. */
  scores: Record<string, LmsScoreView[]>;
}


/** The LMS side of a class for its teachers (null when the viewer does not teach it or it is not linked to an LMS). */
export async function getClassLtiView(viewerId: string, classId: string): Promise<ClassLtiView | null> {
  const ctx = await db.ltiContext.findFirst({ where: { classId, class: { teachers: { some: { userId: viewerId } } } }, include: { platform: { select: { name: true } } } });
  if (!ctx) return null;
  const outline = courseOutline();
  const links = await db.ltiResourceLink.findMany({ where: { classId }, include: { assignment: { select: { kind: true, target: true } } }, orderBy: { createdAt: "asc" } });
  const rows = await db.ltiScoreOutbox.findMany({ where: { link: { classId }, user: { enrollments: { some: { classId } } } }, include: { user: { select: { progressSeq: true } } } });
  const scores: Record<string, LmsScoreView[]> = {};
  for (const r of rows) {
    const due = r.version > r.sentVersion || r.user.progressSeq > r.seenSeq;
    const state: LmsScoreView["state"] = !due ? (r.sentAt ? "sent" : "nothing-yet") : r.attempts > 0 ? "retrying" : "sending";
    (scores[r.userId] ??= []).push({ linkId: r.linkId, state, score: r.sentScore, maximum: r.sentMaximum, sentAt: r.sentAt?.getTime() ?? null, error: r.lastError });
  }
  return {
    platformName: ctx.platform.name,
    contextTitle: ctx.title,
    rosterSyncedAt: ctx.rosterSyncedAt,
    rosterError: ctx.rosterError,
    canSyncRoster: Boolean(ctx.membershipsUrl),
    links: links.map((l) => ({
      id: l.id,
      title: (l.assignment && describeAssignmentTarget(outline, l.assignment.kind, l.assignment.target)) || l.title || "LMS link",
      hasLineItem: Boolean(l.lineItemUrl || (l.lineItemsUrl && l.agsScopes.includes(SCOPE.lineItem))),
    })),
    scores,
  };
}
