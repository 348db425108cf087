// npm run db:migration:create -- <name>: after editing prisma/models.prisma, write the migration for both databases.
// SQLite uses an in-memory shadow database; PostgreSQL needs DATABASE_URL_POSTGRES (a server where a shadow
// database may be created) unless this is its first migration.
import os from "node:os";
import path from "node:path";
import { createMigration } from "../lib/db/migrate";
import { postgresAvailable, startPgCluster, type PgCluster } from "./lib/pg-cluster";

const name = process.argv.slice(2).join(" ").trim();
if (!name) {
  console.error("Usage: npm run db:migration:create -- <short description>");
  process.exit(2);
}
const sqliteUrl = `file:${path.join(os.tmpdir(), `interleave-migration-${process.pid}.db`)}`;
const created: string[] = [];
const sqlite = await createMigration(sqliteUrl, name);
if (sqlite) created.push(sqlite);
// The engine needs a PostgreSQL server (for its shadow database): DATABASE_URL_POSTGRES, or a throwaway cluster.
let cluster: PgCluster | undefined;
if (!process.env.DATABASE_URL_POSTGRES && postgresAvailable()) cluster = await startPgCluster();
const pgUrl = process.env.DATABASE_URL_POSTGRES ?? cluster?.url;
try {
  if (pgUrl) {
    const pg = await createMigration(pgUrl, name);
    if (pg) created.push(pg);
  } else {
    console.warn("Skipped PostgreSQL: no PostgreSQL binaries found; set DATABASE_URL_POSTGRES to a server.");
  }
} finally {
  cluster?.stop();
}
console.log(created.length ? `Created:\n  ${created.join("\n  ")}` : "The schema has not changed: no migration needed.");
process.exit(0); // the wasm engine keeps the event loop alive
