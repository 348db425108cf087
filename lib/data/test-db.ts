// Test support for lib/data suites (not a test itself): a freshly migrated database per suite, installed as the
// app's `db`, with a counter of the SQL statements Prisma sends through the driver adapter.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client";
import { adapterFactory } from "@/lib/db/adapter";
import type { Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { closeSql } from "@/lib/db/sql";
import { providerOf } from "@/lib/db/url";

export interface TestDb {
  db: Db;
  url: string;
  /** SQL statements sent since the last reset (reads and writes, inside transactions too). */
  queries(): number;
  resetQueries(): void;
  close(): Promise<void>;
}

function counting<T extends object>(target: T, count: () => void): T {
  return new Proxy(target, {
    get(t, p, r) {
      const value = Reflect.get(t, p, r) as unknown;
      if (typeof value !== "function") return value;
      if (p === "queryRaw" || p === "executeRaw") {
        return (...args: unknown[]) => {
          count();
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      }
      if (p === "startTransaction") {
        return async (...args: unknown[]) => counting((await (value as (...a: unknown[]) => Promise<Transaction>).apply(t, args)) as Transaction, count);
      }
      return (value as (...a: unknown[]) => unknown).bind(t);
    },
  });
}

/** A migrated database at `url` (a new temp SQLite file when omitted), installed as lib/db/client's `db`. */
export async function installTestDb(url?: string): Promise<TestDb> {
  let dir: string | undefined;
  if (!url) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-data-test-"));
    url = `file:${path.join(dir, "test.db")}`;
  }
  await applyMigrations(url);
  let n = 0;
  const base = adapterFactory(url);
  const factory: SqlDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => counting<SqlDriverAdapter>(await base.connect(), () => (n += 1)),
  };
  const db = providerOf(url) === "postgresql" ? (new PostgresClient({ adapter: factory }) as unknown as Db) : new SqliteClient({ adapter: factory });
  await closeSql();
  Object.assign(globalThis as unknown as { interleaveDb?: Db; interleaveDbUrl?: string }, { interleaveDb: db, interleaveDbUrl: url });
  return {
    db,
    url,
    queries: () => n,
    resetQueries: () => void (n = 0),
    async close() {
      await closeSql();
      await db.$disconnect();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
