/**
 * A consistent copy of the SQLite database while the app keeps running. `VACUUM INTO` reads inside one transaction
 * (a snapshot, in WAL mode readers never block writers) and writes a compact, self-contained file with no WAL
 * beside it. The copy is then opened and checked with `PRAGMA integrity_check` before it is reported as good.
 */
import fs from "node:fs";
import path from "node:path";
import { createDb, type Db } from "./client";
import { providerOf, sqlitePath } from "./url";

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export function defaultBackupPath(url: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const source = sqlitePath(url);
  return path.join(path.dirname(source), "backups", `${path.basename(source, path.extname(source))}-${stamp}.db`);
}

export async function backupSqlite(db: Db, url: string, dest: string = defaultBackupPath(url)): Promise<BackupResult> {
  if (providerOf(url) !== "sqlite") {
    throw new Error("db:backup copies the embedded SQLite database. For PostgreSQL use pg_dump (for example `pg_dump --format=custom \"$DATABASE_URL\" > interleave.dump`).");
  }
  const file = path.resolve(dest);
  if (file === path.resolve(sqlitePath(url))) throw new Error("The backup cannot overwrite the database itself: choose another file.");
  if (fs.existsSync(file)) throw new Error(`${file} already exists: choose a new file name (backups are never overwritten).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = performance.now();
  // VACUUM INTO takes a string literal, not a bound parameter; quote it the SQL way.
  await db.$executeRawUnsafe(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  const copy = createDb(`file:${file}`);
  try {
    const rows = await copy.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    if (rows[0]?.integrity_check !== "ok") throw new Error(`The backup failed its integrity check: ${rows.map((r) => r.integrity_check).join("; ")}`);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  } finally {
    await copy.$disconnect();
  }
  return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started) };
}
