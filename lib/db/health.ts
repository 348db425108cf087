/**
 * Is the database usable by this build of the app? Reachable (a round trip answers) and current (every migration
 * committed in prisma/<provider>/migrations is applied, none failed). Used by /api/health and tests.
 */
import type { Db } from "./client";
import { readMigrations } from "./migrate";
import { providerOf, schemaDir } from "./url";

export interface DatabaseHealth {
  ok: boolean;
  provider: "sqlite" | "postgresql";
  reachable: boolean;
  latencyMs: number | null;
  migrations: { committed: number; applied: number; pending: string[]; failed: string[] } | null;
  error?: string;
}

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export async function checkDatabase(db: Db, url: string, location: { schemaDir?: string } = {}): Promise<DatabaseHealth> {
  const provider = providerOf(url);
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (err) {
    return { ok: false, provider, reachable: false, latencyMs: null, migrations: null, error: `The database did not answer: ${(err as Error).message.split("\n")[0]}` };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const committed = readMigrations(location.schemaDir ?? schemaDir(provider)).migrationDirectories.map((m) => m.path);
  let rows: MigrationRow[];
  try {
    rows = await db.$queryRawUnsafe<MigrationRow[]>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
  } catch {
    // No migrations table: nothing was ever applied.
    rows = [];
  }
  const applied = new Set(rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name));
  const failed = rows.filter((r) => r.finished_at == null && r.rolled_back_at == null).map((r) => r.migration_name);
  const pending = committed.filter((name) => !applied.has(name));
  const ok = pending.length === 0 && failed.length === 0;
  return {
    ok,
    provider,
    reachable: true,
    latencyMs,
    migrations: { committed: committed.length, applied: applied.size, pending, failed },
    ...(ok ? {} : { error: pending.length ? `${pending.length} migration(s) not applied: run npm run db:migrate.` : `Migration(s) failed: ${failed.join(", ")}.` }),
  };
}
