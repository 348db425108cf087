import "server-only";
import { z } from "zod";
import { databaseUrl } from "@/lib/db/env";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (npm start writes one into .env)").optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
});

function load() {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("AUTH_SECRET is not set. Run `npm start` once (it writes one into .env) or set it in the environment.");
  }
  return { ...env, DATABASE_URL: databaseUrl() };
}

/** Validated server environment; a bad value fails at start-up with a message naming it. */
export const env = load();
