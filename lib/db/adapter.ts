import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { providerOf, sqlitePath } from "./url";

/** How long a SQLite writer waits for another writer's lock before failing (concurrent progress saves). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite through libsql. The busy timeout goes to the libsql client, which applies it to every connection it opens
 * (it opens a new one after each interactive transaction, so a per-connection PRAGMA would be lost). WAL lets
 * readers run during a write; the mode is stored in the database file, so setting it on connect is enough.
 */
function sqliteFactory(url: string): SqlDriverAdapterFactory {
  const base = new PrismaLibSql({ url: `file:${sqlitePath(url)}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await base.connect();
      await adapter.executeScript("PRAGMA journal_mode = WAL");
      return adapter;
    },
  };
}

/** The driver adapter factory for a database URL: libsql for SQLite files, pg for PostgreSQL. */
export function adapterFactory(url: string): SqlDriverAdapterFactory {
  if (providerOf(url) === "sqlite") return sqliteFactory(url);
  return new PrismaPg({ connectionString: url });
}
