/**
 * The Prisma client, chosen by DATABASE_URL's scheme: SQLite (embedded default, via libsql, WAL mode with a busy
 * timeout; see ./adapter.ts) or PostgreSQL (via pg). Both generated clients come from the same models
 * (prisma/models.prisma), so they have the same API; the SQLite one's type stands for both.
 * Not marked server-only: scripts (seed, migrations) use it too; lib/data/* is the server-only layer on top.
 */
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";
import { adapterFactory } from "./adapter";
import { databaseUrl } from "./env";
import { providerOf } from "./url";

export type Db = SqliteClient;

/** A client for a given URL (tests and scripts use this for throwaway databases); the app uses `db` below. */
export function createDb(url: string = databaseUrl()): Db {
  if (providerOf(url) === "postgresql") {
    // Same models, same generated API; only the SQL dialect underneath differs.
    return new PostgresClient({ adapter: adapterFactory(url) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: adapterFactory(url) });
}

// One instance per process, kept on globalThis: dev hot reloads and Next's separate server bundles re-evaluate this
// module, and each evaluation would otherwise open its own pool.
const globalForDb = globalThis as unknown as { interleaveDb?: Db };

function instance(): Db {
  return (globalForDb.interleaveDb ??= createDb());
}

/**
 * The app's client. Created on first use, not on import, so importing the data layer (tests, e2e helpers, the
 * build) opens no database; DATABASE_URL is read at that first use.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = instance();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has(_target, property) {
    return Reflect.has(instance(), property);
  },
});

/** Which database a client talks to ("sqlite" or "postgresql"), for the few places where SQL differs. */
export function clientProvider(client: Db): "sqlite" | "postgresql" {
  return (client as unknown as { _activeProvider: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}
