import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { LTI_EMAIL_DOMAIN, type ContextRole } from "@/lib/lti/claims";

/** What lib/data/lti.ts and lib/data/lti-sync.ts share: transactions, tokens, and LMS users placed in classes. */

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

/**
 * Runs `fn` again when it lost a race on a unique index (two first launches, or a launch and a roster sync, making the
 * same account or class at once): the second run finds the winner's rows. On PostgreSQL the failed transaction is
 * aborted as a whole, so the retry is a fresh transaction.
 */
export async function retryOnUniqueRace<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err;
    }
  }
}

export const hash = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");

export function displayNameOf(claims: { name?: string | null; given_name?: string | null; family_name?: string | null }): string | null {
  const full = claims.name?.trim() || [claims.given_name, claims.family_name].filter(Boolean).join(" ").trim();
  return full ? full.slice(0, 80) : null;
}

/**
 * The account of an LMS user: found by (issuer, subject) only. A new account gets an address under the reserved
 * .invalid domain (RFC 2606): the platform's email is kept beside it, unverified, and never used to find or
 * link an account, so an LMS cannot take over anyone's account by sending their address.
 */
export async function userForIdentity(tx: Tx, issuer: string, subject: string, profile: { name: string | null; email: string | null; role: "teacher" | "learner" }): Promise<{ userId: string; created: boolean }> {
  const existing = await tx.ltiIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, select: { userId: true, email: true, user: { select: { name: true, role: true } } } });
  if (existing) {
    const data: { name?: string; role?: string } = {};
    if (profile.name && profile.name !== existing.user.name) data.name = profile.name;
    // An LMS instructor may open the teaching pages; other roles (author, admin) are kept.
    if (profile.role === "teacher" && existing.user.role === "learner") data.role = "teacher";
    if (Object.keys(data).length) await tx.user.update({ where: { id: existing.userId }, data });
    if (profile.email !== existing.email) await tx.ltiIdentity.update({ where: { issuer_subject: { issuer, subject } }, data: { email: profile.email } });
    return { userId: existing.userId, created: false };
  }
  const user = await tx.user.create({ data: { name: profile.name ?? "LMS user", email: `lti-${randomToken(12).toLowerCase()}@${LTI_EMAIL_DOMAIN}`, role: profile.role } });
  await tx.ltiIdentity.create({ data: { issuer, subject, userId: user.id, email: profile.email } });
  return { userId: user.id, created: true };
}

export async function placeInClass(tx: Tx, classId: string, userId: string, role: ContextRole) {
  if (role === "teacher") {
    const teaches = await tx.classTeacher.findUnique({ where: { classId_userId: { classId, userId } } });
    if (!teaches) {
      const owners = await tx.classTeacher.count({ where: { classId, role: "owner" } });
      await tx.classTeacher.create({ data: { classId, userId, role: owners ? "co-teacher" : "owner" } });
      await tx.enrollment.deleteMany({ where: { classId, userId } });
    }
  } else if (role === "learner") {
    const teaches = await tx.classTeacher.findUnique({ where: { classId_userId: { classId, userId } } });
    if (!teaches) await tx.enrollment.upsert({ where: { classId_userId: { classId, userId } }, create: { classId, userId }, update: {} });
  }
}
