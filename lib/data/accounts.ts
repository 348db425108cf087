import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/schemas/auth";

const BCRYPT_COST = 10;
let dummyHash: string | undefined;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export type CreateUserResult = { ok: true; user: SessionUser } | { ok: false; fieldErrors: Record<string, string> };

function toSessionUser(u: { id: string; email: string | null; name: string | null; role: string }): SessionUser {
  return { id: u.id, email: u.email ?? "", name: u.name, role: (u.role as Role) ?? "learner" };
}

export async function createUserWithPassword(input: { name: string; email: string; password: string; role: "learner" | "teacher" }): Promise<CreateUserResult> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead?" } };
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  try {
    const user = await db.user.create({ data: { name: input.name, email: input.email, passwordHash, role: input.role } });
    return { ok: true, user: toSessionUser(user) };
  } catch (err) {
    // Two sign-ups racing for the same email: the unique index decides.
    if ((err as { code?: string }).code === "P2002") return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead?" } };
    throw err;
  }
}

/** Checks an email and password. Always spends a bcrypt comparison so timing does not reveal which emails exist. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email } });
  const hash = user?.passwordHash ?? (dummyHash ??= bcrypt.hashSync("no such account", BCRYPT_COST));
  const ok = await bcrypt.compare(password, hash);
  return ok && user?.passwordHash ? toSessionUser(user) : null;
}

export async function getUserById(id: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user ? toSessionUser(user) : null;
}

export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, string> }> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return { ok: false, fieldErrors: { form: "Your account no longer exists." } };
  if (user.passwordHash && !(await bcrypt.compare(currentPassword, user.passwordHash))) {
    return { ok: false, fieldErrors: { currentPassword: "That is not your current password." } };
  }
  await db.user.update({ where: { id: userId }, data: { passwordHash: await bcrypt.hash(newPassword, BCRYPT_COST) } });
  return { ok: true };
}

export async function setRole(userId: string, role: "learner" | "teacher"): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  // Authors and admins keep their role; this switch is only between learner and teacher.
  if (!user || (user.role !== "learner" && user.role !== "teacher")) return;
  await db.user.update({ where: { id: userId }, data: { role } });
}

/** Deletes the user; their progress, attempts, drafts, enrollments and classes go with them (cascades in the schema). */
export async function deleteUser(userId: string, password: string | undefined): Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, string> }> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return { ok: true };
  if (user.passwordHash && !(password && (await bcrypt.compare(password, user.passwordHash)))) {
    return { ok: false, fieldErrors: { password: "Enter your password to confirm." } };
  }
  await db.user.delete({ where: { id: userId } });
  return { ok: true };
}
