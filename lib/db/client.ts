/**
 * The Prisma client, chosen by DATABASE_URL's scheme: SQLite (embedded default, via libsql) or PostgreSQL (via pg).
 * Both generated clients come from the same models (prisma/models.prisma), so they have the same API; the SQLite
 * one's type stands for both. One instance per process, kept on globalThis so dev hot reloads do not leak pools.
 * Not marked server-only: scripts (seed, migrations) use it too; lib/data/* is the server-only layer on top.
 */
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";
import { adapterFactory } from "./adapter";
import { databaseUrl } from "./env";
import { providerOf } from "./url";

export type Db = SqliteClient;

/** A client for a given URL (tests use this for throwaway databases); the app uses `db` below. */
export function createDb(url: string = databaseUrl()): Db {
  if (providerOf(url) === "postgresql") {
    return new PostgresClient({ adapter: adapterFactory(url) }) as unknown as Db;
  }
  const client = new SqliteClient({ adapter: adapterFactory(url) });
  // WAL lets readers proceed during a write; the busy timeout makes concurrent writers wait instead of failing.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
  void client.$queryRawUnsafe("PRAGMA busy_timeout = 5000").catch(() => undefined);
  return client;
}

const globalForDb = globalThis as unknown as { interleaveDb?: Db };

export const db: Db = globalForDb.interleaveDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.interleaveDb = db;
