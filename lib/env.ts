import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, normalizeUrl, projectRoot } from "@/lib/db/url";

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().min(1).optional());

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : DEFAULT_DATABASE_URL), z.string())
      .refine((url) => /^(file:|postgres(ql)?:\/\/)/i.test(url), {
        message: "must start with file: (SQLite, e.g. file:./prisma/dev.db) or postgresql:// (PostgreSQL)",
      })
      .transform((url) => normalizeUrl(url)),
    AUTH_SECRET: optionalText.pipe(
      z.string().min(32, "must be at least 32 characters (npm start writes a random one into .env)").optional(),
    ),
    GITHUB_ID: optionalText,
    GITHUB_SECRET: optionalText,
  })
  .refine((env) => Boolean(env.GITHUB_ID) === Boolean(env.GITHUB_SECRET), {
    message: "set both GITHUB_ID and GITHUB_SECRET for GitHub sign-in, or neither",
    path: ["GITHUB_SECRET"],
  });

export type Env = z.infer<typeof EnvSchema> & { AUTH_SECRET: string };

/**
 * Validates a server environment. AUTH_SECRET is required in production (npm start writes a random one into .env
 * on first start). Elsewhere a missing one is replaced by a secret derived from this checkout's path: stable across
 * restarts and processes, so dev sessions survive, but never used in production.
 */
export function parseEnv(source: Record<string, string | undefined>, building = false): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment (check .env or the process environment):\n${problems}`);
  }
  const env = parsed.data;
  if (env.AUTH_SECRET) return { ...env, AUTH_SECRET: env.AUTH_SECRET };
  if (env.NODE_ENV === "production" && !building) {
    throw new Error("Invalid environment: AUTH_SECRET is not set. Run `npm start` once (it writes one into .env) or set it in the environment.");
  }
  const derived = crypto.createHash("sha256").update(`interleave-development-secret:${projectRoot}`).digest("base64url");
  return { ...env, AUTH_SECRET: derived };
}

/** Validated server environment; a bad value fails at start-up with a message naming it. */
export const env: Env = parseEnv(process.env, process.env.NEXT_PHASE === "phase-production-build");
