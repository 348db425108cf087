// Applies the committed migrations to DATABASE_URL (default: prisma/dev.db), creating the SQLite file if needed.
import { applyMigrations } from "../lib/db/migrate";
import { databaseUrl } from "../lib/db/env";
import { loadDotEnv } from "../lib/db/load-env";

loadDotEnv();
const started = Date.now();
try {
  const url = databaseUrl();
  const applied = await applyMigrations(url);
  const where = url.startsWith("file:") ? url.slice(5) : url.replace(/\/\/[^@]*@/, "//…@");
  console.log(
    applied.length
      ? `Database ${where}: applied ${applied.length} migration(s) (${applied.join(", ")}) in ${Date.now() - started} ms.`
      : `Database ${where} is up to date (checked in ${Date.now() - started} ms).`,
  );
  process.exit(0); // do not wait for the wasm engine's timers
} catch (err) {
  console.error(`Could not migrate the database: ${(err as Error).message}`);
  process.exit(1);
}
