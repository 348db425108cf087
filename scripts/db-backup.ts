// `npm run db:backup [-- FILE]`: a consistent copy of the SQLite database, safe while the app runs.
// Without FILE it writes prisma/backups/<name>-<UTC timestamp>.db next to the database.
import { loadDotEnv } from "../lib/db/load-env";
import { backupSqlite } from "../lib/db/backup";
import { createDb } from "../lib/db/client";
import { databaseUrl } from "../lib/db/env";

loadDotEnv();
const url = databaseUrl();
const db = createDb(url);
try {
  const { file, bytes, ms } = await backupSqlite(db, url, process.argv[2]);
  console.log(`Backed up the database to ${file} (${(bytes / 1024).toFixed(0)} KB, ${ms} ms, integrity ok).`);
} catch (err) {
  console.error(`db:backup: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
