import "server-only";
import { db } from "@/lib/db/client";

/** Failed sign-ins allowed per window before further attempts are refused. Kept in the database so a restart or a
 *  second app server does not reset them. */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perIp: 30,
} as const;

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The client's address as the nearest proxy reported it. `next start` fills X-Forwarded-For with the socket's
 * address only when the request has none, so behind no proxy a client can choose its own "IP": the per-IP limit
 * then only slows naive guessing, and the per-account limit (which no header changes) is the real protection.
 * Behind a load balancer, make it overwrite X-Forwarded-For with the peer address (README, "Scale out").
 */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "local";
}

function keys(email: string, ip: string) {
  return { account: `email:${email}`, ip: `ip:${ip}` };
}

async function verdictFor(key: string, limit: number, now: number): Promise<RateLimitVerdict> {
  const since = new Date(now - SIGN_IN_LIMITS.windowMs);
  const failures = await db.signInAttempt.findMany({
    where: { key, success: false, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (failures.length < limit) return { allowed: true };
  // Allowed again once the oldest of the last `limit` failures leaves the window.
  const oldest = failures[failures.length - 1]!.createdAt.getTime();
  return { allowed: false, retryAfterMs: Math.max(1000, oldest + SIGN_IN_LIMITS.windowMs - now) };
}

export async function checkSignInAllowed(email: string, ip: string, now = Date.now()): Promise<RateLimitVerdict> {
  const k = keys(email, ip);
  const [account, byIp] = await Promise.all([verdictFor(k.account, SIGN_IN_LIMITS.perAccount, now), verdictFor(k.ip, SIGN_IN_LIMITS.perIp, now)]);
  if (!account.allowed && !byIp.allowed) return { allowed: false, retryAfterMs: Math.max(account.retryAfterMs, byIp.retryAfterMs) };
  return account.allowed ? byIp : account;
}

export async function recordSignInAttempt(email: string, ip: string, success: boolean): Promise<void> {
  const k = keys(email, ip);
  if (success) {
    // A successful sign-in clears the account's failures (not the IP's: one IP may be guessing many accounts).
    await db.signInAttempt.deleteMany({ where: { key: k.account, success: false } });
  }
  await db.signInAttempt.createMany({
    data: [
      { key: k.account, success },
      { key: k.ip, success },
    ],
  });
}

/** "in 3 minutes" / "in 40 seconds", for the message that says when to retry. */
export function describeRetry(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `in ${seconds} seconds`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
