import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { providerOf, sqlitePath } from "./url";

/** The driver adapter factory for a database URL: libsql for SQLite files, pg for PostgreSQL. */
export function adapterFactory(url: string) {
  if (providerOf(url) === "sqlite") return new PrismaLibSql({ url: `file:${sqlitePath(url)}` });
  return new PrismaPg({ connectionString: url });
}
