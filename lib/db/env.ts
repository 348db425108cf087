import path from "node:path";
import { config } from "dotenv";
import { DEFAULT_DATABASE_URL, normalizeUrl, projectRoot, providerOf } from "./url";

/**
 * Loads the project's .env.local and .env into process.env for scripts (tsx), as Next does for the app, so that
 * `npm run db:migrate` and the server agree on DATABASE_URL. Variables already set win, as in Next.
 */
export function loadDotEnv(): void {
  for (const file of [".env.local", ".env"]) config({ path: path.join(projectRoot, file), quiet: true });
}

/** The database URL from the environment (validated), or the embedded SQLite default. */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  providerOf(raw); // throws a readable error for unsupported schemes
  return normalizeUrl(raw);
}
