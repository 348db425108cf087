import "server-only";
import type { JWK } from "jose";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CLAIM, contextRole, CUSTOM_KIND, CUSTOM_TARGET, type ContextRole, type LaunchClaims } from "@/lib/lti/claims";
import { assignmentItems, describeAssignmentTarget, courseOutline } from "@/lib/lti/catalog";
import { LtiError } from "@/lib/lti/errors";
import { decryptPrivateKey, encryptPrivateKey, generateSigningKey, KEY_ROTATION } from "@/lib/lti/keys";
import type { SigningKey } from "@/lib/lti/jwt";
import { log } from "@/lib/log";
import type { Role } from "@/lib/schemas/auth";
import type { PlatformInput } from "@/lib/schemas/lti";
import { newJoinCode } from "@/lib/teach/join-code";
import { displayNameOf, hash, isUniqueViolation, placeInClass, randomToken, retryOnUniqueRace, userForIdentity, type Tx } from "./lti-shared";

/**
 * LTI 1.3 data: platform registrations (admins only), our signing keys, login state, LMS identities, contexts
 * mapped to classes, resource links mapped to assignments, the score outbox and the roster. Every exported function
 * that an admin or a teacher calls checks the acting user here.
 */

export interface Viewer {
  id: string;
  role: Role;
}

/** The operator script acts as an administrator (it runs with database access on the server). */
export const OPERATOR: Viewer = { id: "operator", role: "admin" };

export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; field?: string };

const NOT_ADMIN = { ok: false as const, error: "Only administrators manage LMS platforms." };
const isAdmin = (v: Viewer) => v.role === "admin";

// ---------- Platforms (admins) ----------

/** A registration as the admin page lists it. */
export interface PlatformView extends PlatformRecord {
  deploymentIds: string[];
  createdAt: Date;
  classes: number;
}

export async function listPlatforms(viewer: Viewer): Promise<PlatformView[] | null> {
  if (!isAdmin(viewer)) return null;
  const rows = await db.ltiPlatform.findMany({ include: { deployments: { orderBy: { createdAt: "asc" } }, _count: { select: { contexts: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map(({ deployments, _count, updatedAt: _u, ...p }) => ({ ...p, deploymentIds: deployments.map((d) => d.deploymentId), classes: _count.contexts }));
}

export async function createPlatform(viewer: Viewer, input: PlatformInput): Promise<Result<{ platformId: string }>> {
  if (!isAdmin(viewer)) return NOT_ADMIN;
  const { deploymentIds, tokenAudience, ...fields } = input;
  try {
    const created = await db.ltiPlatform.create({
      data: { ...fields, tokenAudience: tokenAudience ?? null, deployments: { create: deploymentIds.map((deploymentId) => ({ deploymentId })) } },
    });
    log.info("lti.platform_registered", { platformId: created.id, issuer: created.issuer, clientId: created.clientId, by: viewer.id });
    return { ok: true, platformId: created.id };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "clientId", error: "This issuer and client id are already registered." };
    throw err;
  }
}

export async function updatePlatform(viewer: Viewer, platformId: string, input: PlatformInput): Promise<Result> {
  if (!isAdmin(viewer)) return NOT_ADMIN;
  const { deploymentIds, tokenAudience, ...fields } = input;
  const existing = await db.ltiPlatform.findUnique({ where: { id: platformId } });
  if (!existing) return { ok: false, error: "This platform is no longer registered." };
  try {
    await db.$transaction([
      db.ltiPlatform.update({ where: { id: platformId }, data: { ...fields, tokenAudience: tokenAudience ?? null } }),
      db.ltiDeployment.deleteMany({ where: { platformId, deploymentId: { notIn: deploymentIds } } }),
      ...deploymentIds.map((deploymentId) =>
        db.ltiDeployment.upsert({ where: { platformId_deploymentId: { platformId, deploymentId } }, create: { platformId, deploymentId }, update: {} }),
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "clientId", error: "This issuer and client id are already registered." };
    throw err;
  }
  log.info("lti.platform_updated", { platformId, by: viewer.id });
  return { ok: true };
}

/** Removing a platform ends its launches; the classes it made stay (with their progress), unlinked. */
export async function deletePlatform(viewer: Viewer, platformId: string): Promise<Result> {
  if (!isAdmin(viewer)) return NOT_ADMIN;
  await db.ltiPlatform.deleteMany({ where: { id: platformId } });
  log.info("lti.platform_removed", { platformId, by: viewer.id });
  return { ok: true };
}

export async function addDeployment(viewer: Viewer, platformId: string, deploymentId: string): Promise<Result> {
  if (!isAdmin(viewer)) return NOT_ADMIN;
  if (!(await db.ltiPlatform.findUnique({ where: { id: platformId }, select: { id: true } }))) return { ok: false, error: "This platform is no longer registered." };
  await db.ltiDeployment.upsert({ where: { platformId_deploymentId: { platformId, deploymentId } }, create: { platformId, deploymentId }, update: {} });
  return { ok: true };
}

// ---------- Keys ----------

interface KeyRow {
  kid: string;
  publicJwk: string;
  privateKey: string;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
}

const published = (now: Date) => ({ OR: [{ retiresAt: null }, { retiresAt: { gt: now } }] });

/** The public keys platforms may verify our messages with: every key not retired, including the next one. */
export async function publishedKeys(now = new Date()): Promise<JWK[]> {
  await ensureSigningKeyRow(now);
  const rows = await db.ltiKey.findMany({ where: published(now), orderBy: { activatesAt: "asc" } });
  return rows.map((r) => JSON.parse(r.publicJwk) as JWK);
}

async function insertKey(activatesAt: Date): Promise<KeyRow> {
  const key = await generateSigningKey();
  return db.ltiKey.create({ data: { kid: key.kid, publicJwk: JSON.stringify(key.publicJwk), privateKey: encryptPrivateKey(key.privateKeyPem, env.AUTH_SECRET), activatesAt } });
}

async function activeKeyRows(now: Date): Promise<KeyRow[]> {
  return db.ltiKey.findMany({ where: { activatesAt: { lte: now }, ...published(now) }, orderBy: { activatesAt: "desc" } });
}

async function ensureSigningKeyRow(now: Date): Promise<KeyRow> {
  for (const row of await activeKeyRows(now)) {
    if (decryptPrivateKey(row.privateKey, env.AUTH_SECRET)) return row;
    // Encrypted under another AUTH_SECRET: unusable. Take it out of the JWKS and make a new one below.
    log.error("lti.key_unreadable", { kid: row.kid, hint: "AUTH_SECRET changed since this key was made; a new key replaces it" });
    await db.ltiKey.update({ where: { kid: row.kid }, data: { retiresAt: now } });
  }
  return insertKey(now);
}

/** The key that signs now (made on first use). */
export async function getSigningKey(now = new Date()): Promise<SigningKey> {
  const row = await ensureSigningKeyRow(now);
  return { kid: row.kid, privateKeyPem: decryptPrivateKey(row.privateKey, env.AUTH_SECRET)! };
}

export interface KeyView {
  kid: string;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
  state: "next" | "signing" | "retiring" | "retired";
}

export async function listKeys(viewer: Viewer, now = new Date()): Promise<KeyView[] | null> {
  if (!isAdmin(viewer)) return null;
  const rows = await db.ltiKey.findMany({ orderBy: { activatesAt: "desc" } });
  const signing = (await activeKeyRows(now))[0]?.kid;
  return rows.map((r) => ({
    kid: r.kid,
    createdAt: r.createdAt,
    activatesAt: r.activatesAt,
    retiresAt: r.retiresAt,
    state: r.retiresAt && r.retiresAt <= now ? "retired" : r.activatesAt > now ? "next" : r.kid === signing ? "signing" : "retiring",
  }));
}

/**
 * Starts a rotation: a new key is published now and signs from `prepublishMs` on (at once with `immediate`, e.g.
 * after a leak); the keys it replaces leave the JWKS `graceMs` after that.
 */
export async function rotateKeys(viewer: Viewer, { immediate = false, now = new Date() } = {}): Promise<Result<{ kid: string; activatesAt: Date }>> {
  if (!isAdmin(viewer)) return NOT_ADMIN;
  // With no key signing yet there is nothing to hand over from: the new key signs at once.
  if (!(await activeKeyRows(now)).length) immediate = true;
  const activatesAt = new Date(now.getTime() + (immediate ? 0 : KEY_ROTATION.prepublishMs));
  const retiresAt = new Date(activatesAt.getTime() + (immediate ? 0 : KEY_ROTATION.graceMs));
  // Immediately: every other key leaves the key set, a pending next one included (it may have leaked with the rest).
  await db.ltiKey.updateMany({ where: immediate ? published(now) : { ...published(now), activatesAt: { lt: activatesAt } }, data: { retiresAt } });
  const row = await insertKey(activatesAt);
  log.info("lti.key_rotated", { kid: row.kid, activatesAt, previousRetireAt: retiresAt, immediate, by: viewer.id });
  return { ok: true, kid: row.kid, activatesAt };
}

/** Rotates when the newest key is older than `maxAgeMs` (the worker calls this now and then). */
export async function rotateKeysIfDue(now = new Date()): Promise<boolean> {
  const newest = await db.ltiKey.findFirst({ where: published(now), orderBy: { activatesAt: "desc" } });
  if (!newest || now.getTime() - newest.activatesAt.getTime() < KEY_ROTATION.maxAgeMs) return false;
  await rotateKeys(OPERATOR, { now });
  return true;
}

// ---------- Login and launch ----------

export interface PlatformRecord {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  keysetUrl: string;
  tokenAudience: string | null;
}

const STATE_TTL_MS = 10 * 60_000;

/** The registration a login initiation is for: by issuer and client id (the client id may be omitted when the issuer has one registration). */
export async function findPlatformForLogin(issuer: string, clientId?: string): Promise<PlatformRecord> {
  const rows = await db.ltiPlatform.findMany({ where: { issuer, ...(clientId ? { clientId } : {}) }, take: 2 });
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) {
    throw new LtiError("unknown_platform", `No LMS with issuer “${issuer}”${clientId ? ` and client id “${clientId}”` : ""} is registered with Interleave. Ask your administrator to register it (Admin → LMS platforms).`, { issuer, clientId });
  }
  throw new LtiError("unknown_platform", `Several registrations use issuer “${issuer}”; the LMS must send its client id with the login request.`, { issuer });
}

export async function getPlatform(platformId: string): Promise<PlatformRecord | null> {
  return db.ltiPlatform.findUnique({ where: { id: platformId } });
}

/** The registrations whose issuer and client id fit an id_token's iss and aud. */
export async function findPlatformsForToken(issuer: string, audiences: string[]): Promise<PlatformRecord[]> {
  return db.ltiPlatform.findMany({ where: { issuer, clientId: { in: audiences } } });
}

/** Any registration of an issuer (to verify, and then refuse, a token whose audience is not ours). */
export async function findPlatformByIssuer(issuer: string): Promise<PlatformRecord | null> {
  return db.ltiPlatform.findFirst({ where: { issuer }, orderBy: { createdAt: "asc" } });
}

export async function createLaunchState(platformId: string, now = new Date()): Promise<{ state: string; nonce: string }> {
  const state = randomToken();
  const nonce = randomToken();
  await db.ltiLaunchState.create({ data: { state, nonce, platformId, expiresAt: new Date(now.getTime() + STATE_TTL_MS) } });
  return { state, nonce };
}

/**
 * Uses up the login state a launch comes back with. The id_token's nonce must be the one we issued with that
 * state; a nonce seen before is a replay. Single use even under concurrent posts (a conditional update).
 */
export async function consumeLaunchState(state: string, nonce: unknown, now = new Date()): Promise<{ platformId: string }> {
  const row = await db.ltiLaunchState.findUnique({ where: { state } });
  const seen = typeof nonce === "string" && nonce ? await db.ltiLaunchState.findUnique({ where: { nonce }, select: { usedAt: true, state: true } }) : null;
  if (seen?.usedAt) throw new LtiError("replayed", "This launch has already been used. For your security each launch works once: go back to your course and open the link again.", { nonceOfState: seen.state === state });
  if (!row) throw new LtiError("bad_state", "This launch did not start from Interleave's login step (unknown state). Go back to your course and open the link again.");
  if (row.usedAt) throw new LtiError("replayed", "This launch has already been used. For your security each launch works once: go back to your course and open the link again.");
  if (row.expiresAt <= now) throw new LtiError("expired", "This launch took too long to arrive. Go back to your course and open the link again.");
  if (row.nonce !== nonce) throw new LtiError("bad_state", "This launch's nonce does not match the login it claims to answer.");
  const { count } = await db.ltiLaunchState.updateMany({ where: { state, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw new LtiError("replayed", "This launch has already been used. Go back to your course and open the link again.");
  return { platformId: row.platformId };
}

export async function isDeploymentRegistered(platformId: string, deploymentId: string): Promise<boolean> {
  return Boolean(await db.ltiDeployment.findUnique({ where: { platformId_deploymentId: { platformId, deploymentId } }, select: { platformId: true } }));
}

async function classForContext(tx: Tx, platform: PlatformRecord, context: { id: string; title?: string | null; label?: string | null }): Promise<{ contextRowId: string; classId: string }> {
  const existing = await tx.ltiContext.findUnique({ where: { platformId_contextId: { platformId: platform.id, contextId: context.id } } });
  const title = (context.title || context.label || "").trim().slice(0, 200) || null;
  if (existing) {
    if (title && title !== existing.title) await tx.ltiContext.update({ where: { id: existing.id }, data: { title } });
    return { contextRowId: existing.id, classId: existing.classId };
  }
  const created = await tx.class.create({
    data: { name: title ?? `Course on ${platform.name}`, description: `Linked to ${platform.name}.`, joinCode: newJoinCode() },
  });
  const row = await tx.ltiContext.create({ data: { platformId: platform.id, contextId: context.id, classId: created.id, title } });
  return { contextRowId: row.id, classId: created.id };
}

/** The assignment a link's custom parameters name, if it names one in the course. */
export function linkTarget(custom: Record<string, unknown> | null | undefined): { kind: "lesson" | "chapter"; target: string } | null {
  const kind = custom?.[CUSTOM_KIND];
  const target = custom?.[CUSTOM_TARGET];
  if ((kind !== "lesson" && kind !== "chapter") || typeof target !== "string") return null;
  return describeAssignmentTarget(courseOutline(), kind, target) ? { kind, target } : null;
}

export interface ProvisionedLaunch {
  userId: string;
  role: ContextRole;
  classId: string | null;
  contextRowId: string | null;
  /** The Interleave assignment of a resource link launch, when the link names one. */
  assignment: { kind: "lesson" | "chapter"; target: string } | null;
  linkId: string | null;
  userName: string | null;
}

/**
 * Everything a verified launch implies, in one transaction: the user (by issuer and subject), the class of the
 * LMS course (made on its first launch), the teacher's or learner's place in it, and for a resource link its
 * Interleave assignment, its AGS endpoints and the learner's row in the score outbox.
 */
export async function provisionLaunch(platform: PlatformRecord, claims: LaunchClaims): Promise<ProvisionedLaunch> {
  const role = contextRole(claims[CLAIM.roles]);
  const name = displayNameOf(claims);
  const email = claims.email?.trim().toLowerCase() || null;
  const context = claims[CLAIM.context] ?? null;
  const resourceLink = claims[CLAIM.messageType] === "LtiResourceLinkRequest" ? (claims[CLAIM.resourceLink] ?? null) : null;
  const target = resourceLink ? linkTarget(claims[CLAIM.custom]) : null;
  const ags = claims[CLAIM.ags] ?? null;
  const nrps = claims[CLAIM.nrps] ?? null;

  const run = () =>
    db.$transaction(async (tx) => {
      const { userId } = await userForIdentity(tx, platform.issuer, claims.sub, { name, email, role: role === "teacher" ? "teacher" : "learner" });
      if (!context) return { userId, role, classId: null, contextRowId: null, assignment: null, linkId: null, userName: name };
      const { contextRowId, classId } = await classForContext(tx, platform, context);
      if (nrps) await tx.ltiContext.update({ where: { id: contextRowId }, data: { membershipsUrl: nrps.context_memberships_url } });
      await placeInClass(tx, classId, userId, role);
      let linkId: string | null = null;
      if (resourceLink) {
        let assignmentId: string | null = null;
        if (target) {
          const a = await tx.assignment.upsert({
            where: { classId_kind_target: { classId, kind: target.kind, target: target.target } },
            create: { classId, kind: target.kind, target: target.target },
            update: {},
          });
          assignmentId = a.id;
        }
        const agsData = ags ? { lineItemUrl: ags.lineitem ?? null, lineItemsUrl: ags.lineitems ?? null, agsScopes: ags.scope.join(" ") } : {};
        const link = await tx.ltiResourceLink.upsert({
          where: { platformId_resourceLinkId: { platformId: platform.id, resourceLinkId: resourceLink.id } },
          create: { platformId: platform.id, resourceLinkId: resourceLink.id, classId, assignmentId, title: resourceLink.title?.slice(0, 300) ?? null, ...agsData },
          update: { classId, ...(assignmentId ? { assignmentId } : {}), ...(resourceLink.title ? { title: resourceLink.title.slice(0, 300) } : {}), ...agsData },
        });
        linkId = link.id;
        if (role === "learner" && link.assignmentId && (ags?.lineitem || ags?.lineitems)) {
          await tx.ltiScoreOutbox.upsert({ where: { linkId_userId: { linkId: link.id, userId } }, create: { linkId: link.id, userId }, update: {} });
        }
      }
      return { userId, role, classId, contextRowId, assignment: target, linkId, userName: name };
    });
  return retryOnUniqueRace(run);
}
// ---------- One-time links into our own window ----------

const HANDOFF_TTL_MS = 3 * 60_000;

export async function createHandoff(userId: string, redirectTo: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await db.ltiHandoff.create({ data: { tokenHash: hash(token), userId, redirectTo, expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS) } });
  return token;
}

export type HandoffCheck = { ok: true; userId: string; redirectTo: string; used: boolean } | { ok: false };

/** Looks a handoff up without using it (the page that says who is signing in). */
export async function peekHandoff(token: string, now = new Date()): Promise<HandoffCheck> {
  const row = await db.ltiHandoff.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.expiresAt <= now) return { ok: false };
  return { ok: true, userId: row.userId, redirectTo: row.redirectTo, used: row.usedAt !== null };
}

/** Uses a handoff (once): the user to sign in and where to go. */
export async function consumeHandoff(token: string, now = new Date()): Promise<{ userId: string; redirectTo: string } | null> {
  const tokenHash = hash(token);
  const { count } = await db.ltiHandoff.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await db.ltiHandoff.findUnique({ where: { tokenHash } });
  return row && { userId: row.userId, redirectTo: row.redirectTo };
}

/** Where a launched user goes first: a learner to the first lesson of the assignment they have not completed. */
export async function launchDestination(launch: ProvisionedLaunch): Promise<string> {
  if (launch.role === "teacher" && launch.classId) return `/teach/classes/${encodeURIComponent(launch.classId)}`;
  if (launch.assignment) {
    const items = assignmentItems(launch.assignment.kind, launch.assignment.target);
    if (items && items.lessons.length) {
      const done = await db.lessonProgress.findMany({ where: { userId: launch.userId, lessonId: { in: items.lessons }, completedAt: { not: null } }, select: { lessonId: true } });
      const finished = new Set(done.map((d) => d.lessonId));
      const next = items.lessons.find((l) => !finished.has(l)) ?? items.lessons[0]!;
      return `/learn/${next}`;
    }
  }
  return launch.classId && launch.role !== "teacher" ? "/me" : "/";
}

// ---------- Deep linking ----------

const DEEP_LINK_TTL_MS = 60 * 60_000;

export async function createDeepLinkSession(input: { platformId: string; deploymentId: string; returnUrl: string; data: string | null; acceptMultiple: boolean; contextTitle: string | null }, now = new Date()): Promise<string> {
  const id = randomToken();
  await db.ltiDeepLinkSession.create({ data: { id, ...input, expiresAt: new Date(now.getTime() + DEEP_LINK_TTL_MS) } });
  return id;
}

export async function getDeepLinkSession(id: string, now = new Date()) {
  const row = await db.ltiDeepLinkSession.findUnique({ where: { id } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** Marks the picker's session used (once); the platform record to sign the response for. */
export async function consumeDeepLinkSession(id: string, now = new Date()) {
  const { count } = await db.ltiDeepLinkSession.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await db.ltiDeepLinkSession.findUnique({ where: { id } });
  const platform = row && (await getPlatform(row.platformId));
  return row && platform ? { session: row, platform } : null;
}

// ---------- Score outbox (the rest is in ./lti-sync.ts) ----------

/**
 * Called after a progress save wrote something: wakes this server's LTI worker (if it runs here) so the learner's
 * scores leave at once. Only for speed: the worker finds due scores by the learner's progress counter either way.
 */
export function notifyLtiOutbox(): void {
  (globalThis as unknown as { interleaveLtiWorker?: { kick?: () => void } }).interleaveLtiWorker?.kick?.();
}
