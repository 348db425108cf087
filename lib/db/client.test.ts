import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { applyMigrations } from "./migrate";
import { projectRoot } from "./url";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-client-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Another process (a second server, the seed, a backup) holding SQLite's write lock for `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const code = `import Database from "libsql";
const db = new Database(${JSON.stringify(file)});
db.exec("BEGIN IMMEDIATE");
console.log("locked");
setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve, reject) => child.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`lock holder exited with ${c}`)))));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve({ released }));
    child.on("error", reject);
    released.catch(reject);
  });
}

describe("SQLite client", { timeout: 60_000 }, () => {
  const url = `file:${path.join(tmp, "concurrent.db")}`;

  it("runs in WAL mode and serialises one process's concurrent transactions and writes", async () => {
    await applyMigrations(url);
    const db = createDb(url);
    try {
      const mode = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode[0]?.journal_mode).toBe("wal");
      const user = await db.user.create({ data: { email: "c@example.com" } });
      const save = (i: number) =>
        i % 3
          ? db.$transaction(async (tx) => {
              await tx.codeDraft.create({ data: { userId: user.id, runnerId: `r${i}`, code: `print(${i})`, updatedAt: new Date() } });
              await tx.signInAttempt.create({ data: { key: `k${i}`, success: true } });
            })
          : db.signInAttempt.create({ data: { key: `k${i}`, success: false } });
      await Promise.all(Array.from({ length: 90 }, (_, i) => save(i)));
      expect(await db.codeDraft.count()).toBe(60);
      expect(await db.signInAttempt.count()).toBe(90);
    } finally {
      await db.$disconnect();
    }
  });

  it("waits for another process's write lock (busy timeout) instead of failing with SQLITE_BUSY", async () => {
    const db = createDb(url);
    try {
      await db.user.count(); // connected before the lock is taken
      const { released } = await holdWriteLock(url.slice(5), 1500);
      const started = Date.now();
      await db.signInAttempt.create({ data: { key: "after-lock", success: true } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      await released;
      expect(await db.signInAttempt.count({ where: { key: "after-lock" } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});
