import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postgresAvailable, startPgCluster, type PgCluster } from "@/scripts/lib/pg-cluster";
import { createDb } from "./client";
import { applyMigrations, createMigration, readMigrations } from "./migrate";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-migrate-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What every supported database must do with the committed migrations. */
async function exercise(url: string) {
  const first = await applyMigrations(url);
  expect(first).toEqual(readMigrations(url.startsWith("file:") ? "sqlite" : "postgresql").migrationDirectories.map((d) => d.path));
  expect(await applyMigrations(url)).toEqual([]); // a second run does nothing

  const db = createDb(url);
  try {
    const user = await db.user.create({ data: { email: "t@example.com", name: "T", passwordHash: "x" } });
    await db.lessonProgress.create({
      data: { userId: user.id, lessonId: "c/l", firstOpenedAt: new Date(), lastOpenedAt: new Date(), positionAt: new Date() },
    });
    await db.codeDraft.create({ data: { userId: user.id, runnerId: "c/l:1", code: "print(1)", updatedAt: new Date() } });
    // Deleting a user removes their rows (cascades in the schema).
    await db.user.delete({ where: { id: user.id } });
    expect(await db.lessonProgress.count()).toBe(0);
    expect(await db.codeDraft.count()).toBe(0);
  } finally {
    await db.$disconnect();
  }
}

describe("migrations on SQLite", () => {
  it("apply to a fresh file, are idempotent, and give a working schema", async () => {
    await exercise(`file:${path.join(tmp, "fresh.db")}`);
  });

  it("match the schema: creating a migration now finds nothing to do", async () => {
    expect(await createMigration(`file:${path.join(tmp, "diff.db")}`, "nothing")).toBeNull();
  });
});

describe.runIf(postgresAvailable())("migrations on PostgreSQL", () => {
  let cluster: PgCluster | undefined;
  afterAll(() => cluster?.stop());

  it("apply to a throwaway cluster on 127.0.0.1 and give the same working schema", async () => {
    cluster = await startPgCluster();
    await exercise(cluster.url);
    expect(await createMigration(cluster.url, "nothing")).toBeNull();
  });
});
