import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { describePostgres } from "@/scripts/lib/pg-suite";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, classifyJobsAttempts, seed } from "./seed";
import { readExerciseSource } from "@/lib/content/exercise-source";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-seed-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);

/** Seeds a freshly migrated database twice and checks the second run changes nothing. */
async function seedTwice(url: string) {
  await applyMigrations(url);
  const db = createDb(url);
  try {
    const first = await seed(db);
    const counts = async () => ({
      users: await db.user.count(),
      classes: await db.class.count(),
      teachers: await db.classTeacher.count(),
      enrollments: await db.enrollment.count(),
      progress: await db.lessonProgress.count(),
      assignments: await db.assignment.count(),
      attempts: await db.exerciseAttempt.count(),
    });
    const afterFirst = await counts();
    const second = await seed(db);
    expect(first.created).toBeGreaterThanOrEqual(3);
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(afterFirst);

    const demo = await db.user.findMany({ where: { email: { in: demoEmails } }, orderBy: { email: "asc" } });
    expect(demo.map((u) => [u.email, u.role])).toEqual([
      ["author@interleave.dev", "author"],
      ["learner@interleave.dev", "learner"],
      ["teacher@interleave.dev", "teacher"],
    ]);
    for (const user of demo) {
      expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/); // bcrypt, cost 10
      expect(await bcrypt.compare(DEMO_PASSWORD, user.passwordHash ?? "")).toBe(true);
    }

    const demoClass = await db.class.findUniqueOrThrow({
      where: { joinCode: "DEMO-101" },
      include: { teachers: { include: { user: true } }, enrollments: { include: { user: true } } },
    });
    expect(demoClass.name).toBe("Concurrency 101");
    expect(demoClass.teachers.map((t) => [t.user.email, t.role])).toEqual([["teacher@interleave.dev", "owner"]]);
    expect(demoClass.enrollments.map((e) => e.user.email)).toContain("learner@interleave.dev");
    // The demo grid has something to show: an overdue assignment, passes, and a learner stuck on an exercise.
    const assignments = await db.assignment.findMany({ where: { classId: demoClass.id } });
    expect(assignments.some((a) => a.dueAt && a.dueAt.getTime() < Date.now())).toBe(true);
    expect(await db.exerciseAttempt.count({ where: { passed: true } })).toBeGreaterThan(0);
    expect(await db.exerciseAttempt.count({ where: { passed: false, user: { email: "chen@students.interleave.dev" } } })).toBeGreaterThanOrEqual(3);
  } finally {
    await db.$disconnect();
  }
}

describe("seed on SQLite", { timeout: 120_000 }, () => {
  it("creates the demo accounts and class once; a second run adds nothing", async () => {
    await seedTwice(`file:${path.join(tmp, "seed.db")}`);
  });
});

describe("the demo attempts", () => {
  it("are the course's own classify-jobs: its starter, each step towards its solution, and the solution", () => {
    const dir = path.join("content", "01.concurrency-and-parallelism", "02.waiting-versus-working", "exercises", "classify-jobs");
    const { starter, solution } = readExerciseSource(dir);
    const programs = classifyJobsAttempts();
    expect(programs.starter).toBe(starter);
    expect(programs.solved).toBe(solution);
    // Each of the wrong ones differs from both ends, and in one function only.
    for (const wrong of [programs.halfway, programs.inverted]) {
      expect(wrong).not.toBe(starter);
      expect(wrong).not.toBe(solution);
    }
    expect(programs.halfway.split("def overlapped_time")[1]).toBe(starter.split("def overlapped_time")[1]);
    expect(programs.inverted.split("def overlapped_time")[1]).toBe(solution.split("def overlapped_time")[1]);
    expect(programs.inverted).toMatch(/return "io-bound" if .* else "cpu-bound"/);
  });
});

// Generous timeouts: starting a cluster and hashing passwords are slow when the two cores are busy with other suites.
describePostgres("seed on PostgreSQL", (start) => {
  it("creates the same data once on a throwaway cluster on 127.0.0.1", async () => {
    await seedTwice(await start());
  });
}, { timeout: 120_000 });
