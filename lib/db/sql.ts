/**
 * Plain SQL through Prisma's driver adapter (the same libsql or pg connection layer the Prisma client uses), for the
 * one hot path that sends its own statements: progress sync (lib/data/progress.ts). Prisma's query layer costs
 * about 170 µs of CPU per raw statement on this machine against about 35 µs through the adapter, and a save is a
 * few statements at up to 1,000 saves per second (README, Decisions). Connections are opened per database URL on
 * first use: for SQLite one connection that writes (see SqliteGroupWriter) and one that reads; for PostgreSQL one pool.
 */
import type { ArgType, SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { adapterFactory } from "./adapter";
import { databaseUrl } from "./env";
import { providerOf, type Provider } from "./url";

export type SqlArg = string | number | null;

export interface Sql {
  provider: Provider;
  query<T extends Record<string, unknown>>(sql: string, args: SqlArg[]): Promise<T[]>;
  execute(sql: string, args: SqlArg[]): Promise<number>;
}

function argType(a: SqlArg): ArgType {
  if (typeof a === "number") return { scalarType: Number.isInteger(a) ? "int" : "float", arity: "scalar" };
  return { scalarType: "string", arity: "scalar" };
}

function wrap(provider: Provider, adapter: SqlDriverAdapter): Sql {
  return {
    provider,
    async query<T extends Record<string, unknown>>(sql: string, args: SqlArg[]) {
      const r = await adapter.queryRaw({ sql, args, argTypes: args.map(argType) });
      return r.rows.map((row) => Object.fromEntries(r.columnNames.map((name, i) => [name, row[i]])) as T);
    },
    execute: (sql, args) => adapter.executeRaw({ sql, args, argTypes: args.map(argType) }),
  };
}

interface Connections {
  url: string;
  read: Promise<Sql>;
  write: Promise<Sql>;
  adapters: Promise<SqlDriverAdapter>[];
}

const globalForSql = globalThis as unknown as { interleaveSql?: Connections; interleaveDbUrl?: string };

/** The URL of the app's database: the test database a suite installed, or DATABASE_URL. */
function currentUrl(): string {
  return globalForSql.interleaveDbUrl ?? databaseUrl();
}

function open(): Connections {
  const url = currentUrl();
  const existing = globalForSql.interleaveSql;
  if (existing && existing.url === url) return existing;
  const provider = providerOf(url);
  const factory = adapterFactory(url);
  const first = factory.connect();
  // PostgreSQL: one pool serves both. SQLite: writes keep a connection of their own (a group commit holds it).
  const second = provider === "sqlite" ? factory.connect() : first;
  const connections: Connections = { url, read: first.then((a) => wrap(provider, a)), write: second.then((a) => wrap(provider, a)), adapters: provider === "sqlite" ? [first, second] : [first] };
  globalForSql.interleaveSql = connections;
  return connections;
}

export function readSql(): Promise<Sql> {
  return open().read;
}

export function writeSql(): Promise<Sql> {
  return open().write;
}

/** Closes the connections (test suites, before removing their database). */
export async function closeSql(): Promise<void> {
  const c = globalForSql.interleaveSql;
  globalForSql.interleaveSql = undefined;
  if (c) await Promise.all(c.adapters.map(async (a) => (await a).dispose()));
}
