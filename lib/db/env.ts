import { DEFAULT_DATABASE_URL, normalizeUrl, providerOf } from "./url";

/** The database URL from the environment (validated), or the embedded SQLite default. */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  providerOf(raw); // throws a readable error for unsupported schemes
  return normalizeUrl(raw);
}
