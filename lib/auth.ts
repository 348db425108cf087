import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import { decode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { cache } from "react";
import { getUserById, verifyCredentials } from "@/lib/data/accounts";
import { consumeHandoff } from "@/lib/data/lti";
import { checkSignInAllowed, clientIp, recordSignInAttempt } from "@/lib/data/rate-limit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { RoleSchema, SignInSchema, type Role } from "@/lib/schemas/auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

/** Too many failed attempts for this account or address; the sign-in form says when to retry. */
export class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

const githubConfigured = Boolean(env.GITHUB_ID && env.GITHUB_SECRET);

const nextAuth = NextAuth({
  // The adapter stores users and GitHub accounts; sessions are JWTs because the Credentials provider needs them.
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: env.AUTH_SECRET,
  trustHost: true,
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome (shown to the learner), not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error("auth.error", { error });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Rate limiting lives here, not in the sign-in form's action, so posting straight to
      // /api/auth/callback/credentials is limited the same way.
      async authorize(raw, request) {
        const parsed = SignInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const ip = clientIp(request.headers);
        if (!(await checkSignInAllowed(email, ip)).allowed) {
          log.warn("auth.rate_limited", { ip });
          throw new TooManyAttempts();
        }
        const user = await verifyCredentials(email, password);
        await recordSignInAttempt(email, ip, Boolean(user));
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    // An LMS launch (app/lti/open/[token]): a one-time token made by a verified LTI launch, never a password.
    Credentials({
      id: "lti",
      name: "LMS launch",
      credentials: { token: { type: "text" } },
      async authorize(raw) {
        const token = typeof raw?.token === "string" ? raw.token : "";
        if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new InvalidCredentials();
        const handoff = await consumeHandoff(token);
        const user = handoff && (await getUserById(handoff.userId));
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    ...(githubConfigured ? [GitHub({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })] : []),
  ],
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = (user as { role?: string }).role ?? "learner";
      } else if (trigger === "update" && token.sub) {
        // Role changes (learner → teacher in settings) refresh the token.
        const fresh = await getUserById(token.sub);
        if (fresh) token.role = fresh.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      const role = RoleSchema.safeParse(token.role);
      session.user.role = role.success ? role.data : "learner";
      return session;
    },
  },
});

export const { handlers, signIn, signOut, unstable_update } = nextAuth;
export const isGitHubSignInEnabled = githubConfigured;

/** The signed-in user for this request (cached per request), or null. The user must still exist: a deleted
 *  account's leftover cookie counts as signed out. */
export const getCurrentUser = cache(async () => {
  const session = await nextAuth.auth();
  if (!session?.user?.id) return null;
  return getUserById(session.user.id);
});

/** Session cookies as Auth.js names them (the __Secure- one over HTTPS); the name is also the JWT's salt. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
/** Decoded session tokens by their exact text, until they expire (see getSessionUserId). */
const decodedTokens = new Map<string, { userId: string | null; expires: number }>();
const DECODED_KEPT = 20_000;

/** The request's cookies as a route handler sees them (`request.cookies` of a NextRequest). */
export interface CookieSource {
  get(name: string): { value: string } | undefined;
}

/**
 * The signed-in user's id from the session token alone, without asking the database. For the hot path that checks
 * the user's existence in its own SQL anyway (progress sync, up to 1,000 saves a second); everything else uses
 * getCurrentUser. Auth.js's auth() derives the key and decrypts the token on every call (about 2.5 ms of CPU here);
 * the same token text always decodes to the same claims, so each distinct token is decoded once and remembered until
 * it expires. Nothing is weakened: a JWT session is not revocable before its expiry in any case.
 * It reads the route handler's own request cookies: next/headers' cookies() builds mutable cookie stores per call,
 * which cost as much as the rest of this function (profiled under the load bench).
 */
export async function getSessionUserId(cookies: CookieSource): Promise<string | null> {
  for (const name of SESSION_COOKIES) {
    const token = cookies.get(name)?.value;
    if (!token) continue;
    const now = Date.now();
    const known = decodedTokens.get(token);
    if (known && known.expires > now) {
      if (known.userId) return known.userId;
      continue;
    }
    let userId: string | null = null;
    let expires = now + 60_000;
    try {
      const claims = await decode({ token, secret: env.AUTH_SECRET, salt: name });
      userId = typeof claims?.sub === "string" ? claims.sub : null;
      if (typeof claims?.exp === "number") expires = claims.exp * 1000;
    } catch {
      userId = null; // tampered, expired or signed with another secret
    }
    if (decodedTokens.size >= DECODED_KEPT) decodedTokens.delete(decodedTokens.keys().next().value!);
    decodedTokens.set(token, { userId, expires: userId ? expires : now + 60_000 });
    if (userId) return userId;
  }
  return null;
}

/** The current user's id, or throws a 401-style error for route handlers to map. */
export async function requireUser() {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

export class UnauthorizedError extends Error {
  constructor() {
    super("Sign in to do this.");
    this.name = "UnauthorizedError";
  }
}
