import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePostgres } from "@/scripts/lib/pg-suite";
import { createDb } from "./client";
import { applyMigrations, createMigration, readMigrations } from "./migrate";
import { providerOf, schemaDir } from "./url";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-migrate-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const committed = (url: string) => readMigrations(schemaDir(providerOf(url))).migrationDirectories.map((d) => d.path);

/** What every supported database must do with the committed migrations. */
async function applyCommitted(url: string) {
  const first = await applyMigrations(url);
  expect(first.length).toBeGreaterThan(0);
  expect(first).toEqual(committed(url));
  expect(await applyMigrations(url)).toEqual([]); // a second run does nothing

  const db = createDb(url);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(committed(url));

    const user = await db.user.create({ data: { email: "t@example.com", name: "T", passwordHash: "x" } });
    const now = new Date();
    await db.lessonProgress.create({ data: { userId: user.id, lessonId: "c/l", firstOpenedAt: now, lastOpenedAt: now, positionAt: now } });
    await db.codeDraft.create({ data: { userId: user.id, runnerId: "c/l:1", code: "print(1)", updatedAt: now } });
    await db.exerciseAttempt.create({ data: { id: "a1", userId: user.id, exerciseId: "c/l#e1", lessonId: "c/l", code: "x", passed: false, createdAt: now } });
    const klass = await db.class.create({ data: { name: "K", joinCode: "K-1" } });
    await db.classTeacher.create({ data: { classId: klass.id, userId: user.id } });
    await db.enrollment.create({ data: { classId: klass.id, userId: user.id } });
    await db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: "1" } });
    await db.signInAttempt.create({ data: { key: "email:t@example.com", success: false } });
    await expect(db.user.create({ data: { email: "t@example.com" } })).rejects.toThrow(); // email is unique

    // Deleting a user removes their rows (cascades in the schema); shared rows (the class) stay.
    await db.user.delete({ where: { id: user.id } });
    const left = await Promise.all([db.lessonProgress.count(), db.codeDraft.count(), db.exerciseAttempt.count(), db.classTeacher.count(), db.enrollment.count(), db.account.count()]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await db.class.count()).toBe(1);
  } finally {
    await db.$disconnect();
  }
}

/** A copy of one provider's schema folder (models resolved from the link) in which tests may change the schema. */
function copySchema(provider: "sqlite" | "postgresql", name: string): string {
  const from = schemaDir(provider);
  const to = path.join(tmp, name);
  fs.cpSync(path.join(from, "migrations"), path.join(to, "migrations"), { recursive: true });
  for (const file of ["schema.prisma", "models.prisma"]) fs.writeFileSync(path.join(to, file), fs.readFileSync(path.join(from, file)));
  return to;
}

/** createMigration after a schema change: writes exactly the new table, which then applies on top of the rest. */
async function createAfterChange(url: string, provider: "sqlite" | "postgresql") {
  const dir = copySchema(provider, `schema-${provider}`);
  expect(await createMigration(url, "nothing", { schemaDir: dir })).toBeNull(); // the committed migrations match the schema
  fs.appendFileSync(path.join(dir, "models.prisma"), `\nmodel Note {\n  id   String @id\n  text String\n}\n`);
  const created = await createMigration(url, "Add notes!", { schemaDir: dir, now: new Date("2099-01-02T03:04:05Z") });
  expect(created).toBe(path.join(dir, "migrations", "20990102030405_add_notes"));
  const sql = fs.readFileSync(path.join(created!, "migration.sql"), "utf8");
  expect(sql).toMatch(/CREATE TABLE "Note"/);
  expect(sql).not.toMatch(/CREATE TABLE "User"/);
  expect(await createMigration(url, "again", { schemaDir: dir })).toBeNull();
  return dir;
}

describe("migrations on SQLite", { timeout: 60_000 }, () => {
  it("apply to a fresh file, are idempotent, record _prisma_migrations and give a working schema", async () => {
    await applyCommitted(`file:${path.join(tmp, "fresh.db")}`);
  });

  it("creating a migration writes only the change, which then applies on top", async () => {
    const url = `file:${path.join(tmp, "create.db")}`;
    await applyMigrations(url);
    const dir = await createAfterChange(`file:${path.join(tmp, "scratch.db")}`, "sqlite");
    expect(await applyMigrations(url, { schemaDir: dir })).toEqual(["20990102030405_add_notes"]);
    expect(await applyMigrations(url, { schemaDir: dir })).toEqual([]);
  });
});

// Generous timeouts: starting a cluster is slow when the two cores are busy with other suites.
describePostgres("migrations on PostgreSQL", (start) => {
  let url = "";
  beforeAll(async () => {
    url = await start();
  });

  it("apply to a throwaway cluster on 127.0.0.1, are idempotent and give the same working schema", async () => {
    await applyCommitted(url);
  });

  it("create a database that does not exist yet, as they create a missing SQLite file", async () => {
    const missing = url.replace(/\/interleave$/, "/not_created_yet");
    expect(await applyMigrations(missing)).toEqual(committed(missing));
  });

  it("creating a migration writes only the change (shadow database on the same server), which then applies", async () => {
    const dir = await createAfterChange(url, "postgresql");
    expect(await applyMigrations(url, { schemaDir: dir })).toEqual(["20990102030405_add_notes"]);
    expect(await applyMigrations(url, { schemaDir: dir })).toEqual([]);
  });
}, { timeout: 120_000 });
