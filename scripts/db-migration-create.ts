// npm run db:migration:create -- <name>: after editing prisma/models.prisma, write the migration for both databases
// (prisma/sqlite/migrations and prisma/postgres/migrations, same folder name). The engine compares the committed
// migrations with the schema by replaying them into a shadow database: a temp file for SQLite; for PostgreSQL a
// throwaway local cluster, or the server in DATABASE_URL_POSTGRES when set (a shadow database is created there).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMigration } from "../lib/db/migrate";
import { postgresAvailable, startPgCluster, type PgCluster } from "./lib/pg-cluster";

const name = process.argv.slice(2).join(" ").trim();
if (!name) {
  console.error("Usage: npm run db:migration:create -- <short description>");
  process.exit(2);
}
const now = new Date();
const created: string[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-migration-"));
let cluster: PgCluster | undefined;
try {
  const sqlite = await createMigration(`file:${path.join(scratch, "scratch.db")}`, name, { now });
  if (sqlite) created.push(sqlite);
  if (!process.env.DATABASE_URL_POSTGRES && postgresAvailable()) cluster = await startPgCluster();
  const pgUrl = process.env.DATABASE_URL_POSTGRES ?? cluster?.url;
  if (pgUrl) {
    const pg = await createMigration(pgUrl, name, { now });
    if (pg) created.push(pg);
  } else {
    console.warn("Skipped PostgreSQL: no PostgreSQL binaries found; set DATABASE_URL_POSTGRES to a server and run again.");
  }
  console.log(created.length ? `Created:\n  ${created.join("\n  ")}` : "The schema has not changed: no migration needed.");
} catch (err) {
  console.error(`Could not create the migration: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  cluster?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(); // do not wait for the wasm engine's timers
