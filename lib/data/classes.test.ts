import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePostgres } from "@/scripts/lib/pg-suite";
import { gridToCsv, type CourseOutline } from "@/lib/teach/grid";
import { getCellDetail, getClassGrid, getClassVersion } from "./class-progress";
import {
  addAssignment,
  addCoTeacher,
  createClass,
  findClassByCode,
  getTaughtClass,
  joinClass,
  leaveClass,
  listAssignments,
  listClassLearners,
  listMyAssignedLessons,
  listMyClasses,
  listTaughtClasses,
  regenerateJoinCode,
  removeAssignment,
  removeCoTeacher,
  removeLearner,
  setClassArchived,
  updateAssignmentDue,
  updateClass,
  type Viewer,
} from "./classes";
import { installTestDb, type TestDb } from "./test-db";

const DAY = 86_400_000;
const outline: CourseOutline = {
  chapters: [
    {
      slug: "threads",
      number: 1,
      title: "Threads",
      lessons: [
        { id: "threads/start", title: "Starting threads", href: "/learn/threads/start" },
        { id: "threads/locks", title: "Locks", href: "/learn/threads/locks" },
      ],
    },
    { slug: "asyncio", number: 2, title: "Asyncio", lessons: [{ id: "asyncio/loop", title: "The event loop", href: "/learn/asyncio/loop" }] },
  ],
};

let attemptSeq = 0;
const attemptId = () => `00000000-0000-4000-8000-${String(++attemptSeq).padStart(12, "0")}`;

function authorizationSuite(name: string, makeUrl: () => Promise<string | undefined>) {
  describe(name, { timeout: 120_000 }, () => {
    let t: TestDb;
    const users: Record<string, Viewer & { email: string }> = {};
    let classId = "";
    let joinCode = "";

    const makeUser = async (key: string, role: Viewer["role"], name = key) => {
      const u = await t.db.user.create({ data: { email: `${key}@example.test`, name, role } });
      users[key] = { id: u.id, role, email: u.email };
      return users[key]!;
    };

    beforeAll(async () => {
      t = await installTestDb(await makeUrl());
      await makeUser("owner", "teacher", "Olive Owner");
      await makeUser("co", "teacher", "Cody Co");
      await makeUser("outsider", "teacher", "Otto Outsider");
      await makeUser("ada", "learner", "Ada, \"the first\"");
      await makeUser("bo", "learner", "Bo");
      await makeUser("learnerOnly", "learner");
    });
    afterAll(() => t.close());

    it("lets teachers, not learners, create classes with a short join code", async () => {
      expect(await createClass(users.learnerOnly!, { name: "Nope" })).toMatchObject({ ok: false, error: expect.stringContaining("teacher") });
      const created = await createClass(users.owner!, { name: "Threads 101", description: "Mondays" });
      expect(created.ok).toBe(true);
      classId = created.ok ? created.classId : "";
      const c = await getTaughtClass(users.owner!.id, classId);
      expect(c).toMatchObject({ name: "Threads 101", viewerRole: "owner" });
      expect(c!.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      joinCode = c!.joinCode;
    });

    it("joins learners by code (any case), refuses unknown and archived codes, and lets teachers add a co-teacher", async () => {
      expect(await joinClass(users.ada!.id, "NOPE-0000")).toMatchObject({ ok: false, error: expect.stringContaining("No class has this code") });
      expect(await joinClass(users.ada!.id, ` ${joinCode.toLowerCase()} `)).toMatchObject({ ok: true, already: false, classId });
      expect(await joinClass(users.ada!.id, joinCode)).toMatchObject({ ok: true, already: true });
      expect(await joinClass(users.bo!.id, joinCode)).toMatchObject({ ok: true });
      expect(await joinClass(users.owner!.id, joinCode)).toMatchObject({ ok: false, error: expect.stringContaining("You teach") });

      expect(await addCoTeacher(users.owner!.id, classId, "nobody@example.test")).toMatchObject({ ok: false, field: "email" });
      expect(await addCoTeacher(users.owner!.id, classId, users.learnerOnly!.email)).toMatchObject({ ok: false, error: expect.stringContaining("learner account") });
      expect(await addCoTeacher(users.owner!.id, classId, users.co!.email)).toMatchObject({ ok: true });
      expect(await addCoTeacher(users.owner!.id, classId, users.co!.email)).toMatchObject({ ok: false, error: expect.stringContaining("already") });
      expect((await getTaughtClass(users.co!.id, classId))?.viewerRole).toBe("co-teacher");
      expect((await listTaughtClasses(users.co!.id)).map((c) => c.id)).toEqual([classId]);

      const archivedClass = await createClass(users.outsider!, { name: "Old" });
      const archivedId = archivedClass.ok ? archivedClass.classId : "";
      expect(await setClassArchived(users.outsider!.id, archivedId, true)).toEqual({ ok: true });
      const code = (await getTaughtClass(users.outsider!.id, archivedId))!.joinCode;
      expect(await findClassByCode(code)).toMatchObject({ archived: true, name: "Old" });
      expect(await joinClass(users.bo!.id, code)).toMatchObject({ ok: false, error: expect.stringContaining("archived") });
    });

    it("shows progress, attempts, late work and help signals in the grid", async () => {
      const now = Date.now();
      expect(await addAssignment(users.owner!.id, { classId, kind: "chapter", target: "threads", dueAt: new Date(now - 2 * DAY) }, outline)).toMatchObject({ ok: true });
      expect(await addAssignment(users.co!.id, { classId, kind: "lesson", target: "asyncio/loop", dueAt: null }, outline)).toMatchObject({ ok: true });
      expect(await addAssignment(users.owner!.id, { classId, kind: "lesson", target: "nope/nope", dueAt: null }, outline)).toMatchObject({ ok: false, field: "target" });
      const ada = users.ada!.id;
      const at = (ms: number) => new Date(ms);
      await t.db.lessonProgress.create({ data: { userId: ada, lessonId: "threads/start", firstOpenedAt: at(now - 5 * DAY), lastOpenedAt: at(now - 5 * DAY), positionAt: at(now - 5 * DAY), completedAt: at(now - 4 * DAY), secondsSpent: 600 } });
      await t.db.lessonProgress.create({ data: { userId: ada, lessonId: "threads/locks", firstOpenedAt: at(now - DAY), lastOpenedAt: at(now - DAY), positionAt: at(now - DAY), completedAt: at(now - DAY), secondsSpent: 300 } });
      for (const [passed, hints, ago] of [
        [false, 0, 3],
        [false, 1, 2],
        [true, 1, 1],
      ] as const) {
        await t.db.exerciseAttempt.create({ data: { id: attemptId(), userId: ada, exerciseId: "threads/locks#counter", lessonId: "threads/locks", code: `print(${ago})`, passed, hintsUsed: hints, createdAt: at(now - ago * DAY) } });
      }
      for (let i = 0; i < 4; i++) {
        await t.db.exerciseAttempt.create({ data: { id: attemptId(), userId: users.bo!.id, exerciseId: "threads/locks#counter", lessonId: "threads/locks", code: "x = 1", passed: false, createdAt: at(now - 1000 * (i + 1)) } });
      }

      const grid = (await getClassGrid(users.owner!.id, classId, outline, now))!;
      expect(grid.items.map((i) => i.id)).toEqual(["threads/start", "threads/locks", "threads/locks#counter", "asyncio/loop"]);
      const adaRow = grid.rows.find((r) => r.learner.id === ada)!;
      expect(adaRow.cells[0]).toMatchObject({ s: "completed", sec: 600 });
      expect(adaRow.cells[0]!.late).toBeUndefined();
      expect(adaRow.cells[1]).toMatchObject({ s: "completed", late: true });
      expect(adaRow.cells[2]).toMatchObject({ s: "passed", n: 3, f: 2, h: 1, late: true });
      expect(adaRow.cells[3]).toEqual({ s: "not-started" });
      expect(adaRow.done).toBe(3);
      const boRow = grid.rows.find((r) => r.learner.id === users.bo!.id)!;
      expect(boRow.cells[0]).toEqual({ s: "not-started", overdue: true });
      expect(boRow.cells[2]).toMatchObject({ s: "in-progress", n: 4, f: 4, overdue: true });
      expect(boRow.help).toContainEqual({ kind: "failing", itemId: "threads/locks#counter", lessonId: "threads/locks", failed: 4 });
      expect(grid.summary.lessons[0]).toMatchObject({ lessonId: "threads/start", completed: 1, medianSeconds: 600 });
      expect(grid.summary.hardest[0]).toMatchObject({ exerciseId: "threads/locks#counter", attempted: 2, passed: 1, meanAttemptsToPass: 3 });

      const csv = gridToCsv(grid);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv).toContain('"Ada, ""the first"""');
      expect(csv).toContain("passed, 3 attempts, 1 hint, late");

      const detail = (await getCellDetail(users.co!.id, classId, ada, "threads/locks#counter", outline))!;
      expect(detail.attempts.map((a) => [a.code, a.passed])).toEqual([
        ["print(3)", false],
        ["print(2)", false],
        ["print(1)", true],
      ]);
      const lessonDetail = (await getCellDetail(users.owner!.id, classId, ada, "threads/locks", outline))!;
      expect(lessonDetail.lesson?.secondsSpent).toBe(300);
      expect(lessonDetail.attempts).toHaveLength(3);
    });

    it("gives an outsider teacher nothing and changes nothing for them, even with the right ids", async () => {
      const o = users.outsider!.id;
      const ada = users.ada!.id;
      const assignment = (await listAssignments(users.owner!.id, classId, outline))![0]!;
      expect(await getTaughtClass(o, classId)).toBeNull();
      expect(await getClassGrid(o, classId, outline)).toBeNull();
      expect(await getClassVersion(o, classId)).toBeNull();
      expect(await getCellDetail(o, classId, ada, "threads/locks#counter", outline)).toBeNull();
      expect(await listClassLearners(o, classId)).toBeNull();
      expect(await listAssignments(o, classId, outline)).toBeNull();
      expect((await listTaughtClasses(o)).map((c) => c.id)).not.toContain(classId);
      for (const attempt of [
        updateClass(o, classId, { name: "Hijacked", helpFailedAttempts: 1, helpInactiveDays: 1 }),
        regenerateJoinCode(o, classId),
        setClassArchived(o, classId, true),
        addCoTeacher(o, classId, users.outsider!.email),
        removeCoTeacher(o, classId, users.co!.id),
        removeLearner(o, classId, ada),
        addAssignment(o, { classId, kind: "lesson", target: "asyncio/loop", dueAt: null }, outline),
        updateAssignmentDue(o, assignment.id, null),
        removeAssignment(o, assignment.id),
      ]) {
        expect(await attempt).toMatchObject({ ok: false });
      }
      const c = (await getTaughtClass(users.owner!.id, classId))!;
      expect(c).toMatchObject({ name: "Threads 101", joinCode, archivedAt: null });
      expect(c.teachers.map((x) => x.userId).sort()).toEqual([users.owner!.id, users.co!.id].sort());
      expect(await listClassLearners(users.owner!.id, classId)).toHaveLength(2);
      expect(await listAssignments(users.owner!.id, classId, outline)).toHaveLength(2);

      // A learner is no teacher of anything, and sees only their own classes' assignments.
      expect(await getClassGrid(ada, classId, outline)).toBeNull();
      expect(await getCellDetail(ada, classId, users.bo!.id, "threads/locks#counter", outline)).toBeNull();
      expect((await listMyClasses(users.learnerOnly!.id, outline))).toEqual([]);
      expect(await listMyAssignedLessons(users.learnerOnly!.id, outline)).toEqual([]);
      const mine = await listMyClasses(ada, outline);
      expect(mine.map((m) => m.name)).toEqual(["Threads 101"]);
      expect(mine[0]!.assignments.map((a) => [a.lessonId, a.overdue, Boolean(a.completedAt)])).toEqual([
        ["threads/start", false, true],
        ["threads/locks", false, true],
        ["asyncio/loop", false, false],
      ]);
      expect((await listMyAssignedLessons(users.bo!.id, outline)).map((a) => a.lessonId).sort()).toEqual(["asyncio/loop", "threads/locks", "threads/start"]);
    });

    it("lets a co-teacher leave but not remove the owner; only the owner removes others", async () => {
      expect(await removeCoTeacher(users.co!.id, classId, users.owner!.id)).toMatchObject({ ok: false });
      expect(await removeCoTeacher(users.owner!.id, classId, users.owner!.id)).toMatchObject({ ok: false, error: expect.stringContaining("owner") });
    });

    it("takes a learner's data out of the teachers' view when they leave or are removed", async () => {
      const ada = users.ada!.id;
      const before = await getClassVersion(users.owner!.id, classId);
      expect(await leaveClass(ada, classId)).toEqual({ ok: true });
      expect(await getClassVersion(users.owner!.id, classId)).not.toBe(before);
      const grid = (await getClassGrid(users.owner!.id, classId, outline))!;
      expect(grid.rows.map((r) => r.learner.id)).toEqual([users.bo!.id]);
      expect(grid.summary.lessons[0]!.completed).toBe(0);
      expect(await getCellDetail(users.owner!.id, classId, ada, "threads/locks#counter", outline)).toBeNull();
      expect(await listMyClasses(ada, outline)).toEqual([]);

      expect(await removeLearner(users.co!.id, classId, users.bo!.id)).toEqual({ ok: true });
      expect((await getClassGrid(users.owner!.id, classId, outline))!.rows).toEqual([]);
      expect(await listMyAssignedLessons(users.bo!.id, outline)).toEqual([]);
    });

    it("loads the grid with the same number of queries for 5 and for 50 learners", async () => {
      const counts: number[] = [];
      for (const size of [5, 50]) {
        const created = await createClass(users.owner!, { name: `Size ${size}` });
        const id = created.ok ? created.classId : "";
        await addAssignment(users.owner!.id, { classId: id, kind: "chapter", target: "threads", dueAt: new Date() }, outline);
        for (let i = 0; i < size; i++) {
          const u = await t.db.user.create({ data: { email: `s${size}-${i}@example.test`, name: `Learner ${i}` } });
          await t.db.enrollment.create({ data: { classId: id, userId: u.id } });
          const now = new Date();
          await t.db.lessonProgress.create({ data: { userId: u.id, lessonId: "threads/start", firstOpenedAt: now, lastOpenedAt: now, positionAt: now, completedAt: i % 2 ? now : null } });
          await t.db.exerciseAttempt.create({ data: { id: attemptId(), userId: u.id, exerciseId: `threads/locks#e${i % 3}`, lessonId: "threads/locks", code: "x", passed: i % 2 === 0, createdAt: now } });
        }
        t.resetQueries();
        const grid = (await getClassGrid(users.owner!.id, id, outline))!;
        counts.push(t.queries());
        expect(grid.rows).toHaveLength(size);
      }
      console.info(`SQL statements for the grid: ${counts.join(" and ")} (5 and 50 learners)`);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBe(counts[0]);
    });
  });
}

authorizationSuite("classes on SQLite", async () => undefined);

describePostgres("PostgreSQL", (start) => {
  authorizationSuite("classes on PostgreSQL", () => start());
});
