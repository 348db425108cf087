import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describePostgres } from "@/scripts/lib/pg-suite";
import { backupSqlite, defaultBackupPath } from "./backup";
import { createDb } from "./client";
import { checkDatabase } from "./health";
import { applyMigrations } from "./migrate";
import { schemaDir } from "./url";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-health-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `body` with a client of the database at `url`, and disconnects it however `body` ends. */
async function withDb(url: string, body: (db: ReturnType<typeof createDb>) => Promise<void>): Promise<void> {
  const db = createDb(url);
  try {
    await body(db);
  } finally {
    await db.$disconnect();
  }
}

describe("database health", { timeout: 60_000 }, () => {
  it("is ok when every committed migration is applied", async () => {
    const url = `file:${path.join(tmp, "current.db")}`;
    await applyMigrations(url);
    await withDb(url, async (db) => {
      const health = await checkDatabase(db, url);
      expect(health.ok).toBe(true);
      expect(health.reachable).toBe(true);
      expect(health.migrations?.pending).toEqual([]);
      expect(health.migrations?.applied).toBe(health.migrations?.committed);
      expect(health.migrations?.committed).toBeGreaterThan(0);
    });
  });

  it("names the migrations a database lacks, and says what to run", async () => {
    // An empty database: reachable, but nothing applied.
    const url = `file:${path.join(tmp, "empty.db")}`;
    await withDb(url, async (db) => {
      const health = await checkDatabase(db, url);
      expect(health.ok).toBe(false);
      expect(health.reachable).toBe(true);
      const committed = fs.readdirSync(path.join(schemaDir("sqlite"), "migrations")).filter((d) => !d.endsWith(".toml"));
      expect(health.migrations?.pending).toEqual(committed.sort());
      expect(health.error).toMatch(/npm run db:migrate/);
    });
  });

  it("reports an unreachable database without throwing", async () => {
    const url = `file:${path.join(tmp, "no-such-dir", "x.db")}`;
    await withDb(url, async (db) => {
      const health = await checkDatabase(db, url);
      expect(health).toMatchObject({ ok: false, reachable: false, latencyMs: null });
      expect(health.error).toMatch(/did not answer/);
    });
  });
});

describePostgres("database health on PostgreSQL", (start) => {
  it("is ok after the PostgreSQL migrations, and names them before", async () => {
    const url = await start("interleave_health");
    await withDb(url, async (db) => {
      const before = await checkDatabase(db, url);
      expect(before).toMatchObject({ ok: false, reachable: true, provider: "postgresql" });
      expect(before.migrations?.pending.length).toBe(before.migrations?.committed);
      await applyMigrations(url);
      const after = await checkDatabase(db, url);
      expect(after).toMatchObject({ ok: true, reachable: true });
      expect(after.migrations?.pending).toEqual([]);
    });
  });
}, { timeout: 120_000 });

describe("db:backup", { timeout: 60_000 }, () => {
  it("copies a consistent database while writes go on, and refuses to overwrite", async () => {
    const url = `file:${path.join(tmp, "live.db")}`;
    await applyMigrations(url);
    await withDb(url, async (db) => {
      const user = await db.user.create({ data: { email: "b@example.com" } });
      for (let i = 0; i < 50; i++) await db.signInAttempt.create({ data: { key: `before-${i}`, success: true } });
      // Writers keep going during the backup; the copy must hold a whole snapshot, never a torn one.
      let writing = true;
      const writer = (async () => {
        let i = 0;
        while (writing) {
          await db.$transaction([
            db.signInAttempt.create({ data: { key: `during-${i}`, success: true } }),
            db.codeDraft.create({ data: { userId: user.id, runnerId: `r${i}`, code: "print(1)", updatedAt: new Date() } }),
          ]);
          i++;
        }
        return i;
      })();
      const dest = path.join(tmp, "copies", "live-copy.db");
      const result = await backupSqlite(db, url, dest);
      writing = false;
      const written = await writer;
      expect(written).toBeGreaterThan(0);
      expect(result.file).toBe(dest);
      expect(result.bytes).toBeGreaterThan(0);

      await withDb(`file:${dest}`, async (copy) => {
        const attempts = await copy.signInAttempt.count({ where: { key: { startsWith: "during-" } } });
        const drafts = await copy.codeDraft.count();
        // Each transaction wrote one of each: a consistent snapshot has equal counts.
        expect(attempts).toBe(drafts);
        expect(await copy.signInAttempt.count({ where: { key: { startsWith: "before-" } } })).toBe(50);
        expect(await copy.user.count()).toBe(1);
      });
      await expect(backupSqlite(db, url, dest)).rejects.toThrow(/already exists/);
      await expect(backupSqlite(db, url, url.slice(5))).rejects.toThrow(/cannot overwrite the database/);
    });
  });

  it("puts default backups next to the database with a UTC timestamp, and explains PostgreSQL", async () => {
    expect(defaultBackupPath("file:/data/app.db", new Date("2026-11-27T10:20:30Z"))).toBe("/data/backups/app-20261127-102030.db");
    await expect(backupSqlite(createDb(`file:${path.join(tmp, "unused.db")}`), "postgresql://u@127.0.0.1/x")).rejects.toThrow(/pg_dump/);
  });
});
