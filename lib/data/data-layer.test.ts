// The learner-facing data layer (progress, accounts, sign-in limits) on SQLite and on a throwaway PostgreSQL
// cluster: the same code and migrations must behave the same on both (issue 11, "Scale out").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePostgres } from "@/scripts/lib/pg-suite";
import type { ProgressPush } from "@/lib/progress/model";
import { changePassword, createUserWithPassword, deleteUser, verifyCredentials } from "./accounts";
import { applyProgressPush, getProgressSnapshot, UnknownUserError } from "./progress";
import { checkSignInAllowed, recordSignInAttempt, SIGN_IN_LIMITS } from "./rate-limit";
import { installTestDb, type TestDb } from "./test-db";

const LESSON = "threads/starting-threads";
let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

function push(parts: Partial<ProgressPush>) {
  return { cursor: null, lessons: {}, drafts: {}, attempts: [], ...parts };
}
const lesson = (at: number, position: number, completedAt: number | null = null) => ({ firstOpenedAt: at, lastOpenedAt: at, position, positionAt: at, completedAt, secondsSpent: 10 });
const attempt = (id: string, passed = false) => ({ id, exerciseId: `${LESSON}#ex`, lessonId: LESSON, code: "print(1)", passed, hintsUsed: 0, output: "", at: 1_700_000_000_000 });

function dataLayerSuite(name: string, makeUrl: () => Promise<string | undefined>) {
  describe(name, { timeout: 120_000 }, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await installTestDb(await makeUrl());
    });
    afterAll(() => t.close());

    it("applies pushes monotonically and idempotently, and answers what a device is missing since its cursor", async () => {
      const u = await t.db.user.create({ data: { email: "merge@example.test" } });
      const a1 = uuid();
      const first = push({ lessons: { [LESSON]: lesson(1000, 0.5) }, drafts: { "r/1": { code: "a", updatedAt: 1000 } }, attempts: [attempt(a1)] });
      const once = await applyProgressPush(u.id, first);
      // What the device sent is not echoed back; the attempt comes back as its exercise's summary.
      expect(once).toMatchObject({ lessons: {}, drafts: {}, rejected: [], more: false });
      expect(once.exercises[`${LESSON}#ex`]).toMatchObject({ attempts: 1, failed: 1, passedAt: null });
      const again = await applyProgressPush(u.id, { ...first, cursor: once.cursor });
      expect(again).toMatchObject({ lessons: {}, drafts: {}, rejected: [] });
      expect(again.cursor).toBeGreaterThanOrEqual(once.cursor);
      expect(await t.db.exerciseAttempt.count({ where: { userId: u.id } })).toBe(1);
      // An older change moves nothing but the earlier first visit and completion; a newer draft replaces the draft.
      const older = await applyProgressPush(u.id, push({ cursor: once.cursor, lessons: { [LESSON]: lesson(500, 0.1, 400) }, drafts: { "r/1": { code: "old", updatedAt: 10 } } }));
      expect(older.lessons[LESSON]).toEqual({ firstOpenedAt: 500, lastOpenedAt: 1000, position: 0.5, positionAt: 1000, completedAt: 400, secondsSpent: 10 });
      expect(older.drafts).toEqual({});
      // A new device (no cursor) gets everything; a device at the latest cursor gets nothing.
      const fresh = await applyProgressPush(u.id, push({}));
      expect(fresh.lessons[LESSON]).toMatchObject({ firstOpenedAt: 500, position: 0.5, completedAt: 400 });
      expect(fresh.drafts["r/1"]).toEqual({ code: "a", updatedAt: 1000 });
      expect(fresh.exercises[`${LESSON}#ex`]).toMatchObject({ attempts: 1 });
      expect(await applyProgressPush(u.id, push({ cursor: fresh.cursor }))).toMatchObject({ cursor: fresh.cursor, lessons: {}, drafts: {}, exercises: {} });
      // Two saves of one learner at once (in one group commit on SQLite, or not): the later hears of the earlier.
      const [x, y] = await Promise.all([
        applyProgressPush(u.id, push({ cursor: fresh.cursor, drafts: { "r/x": { code: "x", updatedAt: 3000 } } })),
        applyProgressPush(u.id, push({ cursor: fresh.cursor, drafts: { "r/y": { code: "y", updatedAt: 3000 } } })),
      ]);
      expect([x.drafts["r/y"], y.drafts["r/x"]].filter(Boolean).length).toBeGreaterThanOrEqual(1);
      expect([x.drafts["r/x"], y.drafts["r/y"]]).toEqual([undefined, undefined]);
      const after = await applyProgressPush(u.id, push({ cursor: fresh.cursor }));
      expect(Object.keys(after.drafts).sort()).toEqual(["r/x", "r/y"]);
      const snapshot = await getProgressSnapshot(u.id);
      expect(snapshot.exercises[`${LESSON}#ex`]).toMatchObject({ attempts: 1, failed: 1 });
    });

    it("loses nothing when many saves for one learner arrive at once", async () => {
      const u = await t.db.user.create({ data: { email: "burst@example.test" } });
      const ids = Array.from({ length: 24 }, uuid);
      const answers = await Promise.all(
        ids.map((id, i) => applyProgressPush(u.id, push({ lessons: { [LESSON]: lesson(2000 + i, i / 24) }, drafts: { [`r/${i % 3}`]: { code: `v${i}`, updatedAt: 2000 + i } }, attempts: [attempt(id, i % 2 === 0)] }))),
      );
      expect(answers.every((a) => a.rejected.length === 0)).toBe(true);
      expect(await t.db.exerciseAttempt.count({ where: { userId: u.id, id: { in: ids } } })).toBe(24);
      const s = await getProgressSnapshot(u.id);
      expect(s.lessons[LESSON]).toMatchObject({ firstOpenedAt: 2000, lastOpenedAt: 2023, position: 23 / 24 });
      expect(s.drafts["r/2"]).toEqual({ code: "v23", updatedAt: 2023 });
      expect(s.exercises[`${LESSON}#ex`]).toMatchObject({ attempts: 24, failed: 12 });
      // Every row is covered by some cursor: a device that followed any answer and pulls once more has it all.
      const last = await applyProgressPush(u.id, push({ cursor: Math.min(...answers.map((a) => a.cursor)) - 1 }));
      expect(last.cursor).toBe(Math.max(...answers.map((a) => a.cursor)));
    });

    it("answers learners saving at the same moment (one group commit on SQLite) each with their own summaries", async () => {
      const users = await Promise.all(Array.from({ length: 6 }, (_, i) => t.db.user.create({ data: { email: `together-${i}@example.test` } })));
      // Each learner's device is up to date, so the answer comes from the save itself, without a read afterwards.
      const cursors = await Promise.all(users.map(async (u, i) => (await applyProgressPush(u.id, push({ attempts: Array.from({ length: i + 1 }, () => attempt(uuid(), false)) }))).cursor));
      const answers = await Promise.all(
        users.map((u, i) =>
          applyProgressPush(u.id, push({ cursor: cursors[i]!, attempts: [attempt(uuid(), true), { ...attempt(uuid()), exerciseId: `${LESSON}#other-${i}` }] })),
        ),
      );
      answers.forEach((a, i) => {
        expect(a.rejected).toEqual([]);
        expect(Object.keys(a.exercises).sort()).toEqual([`${LESSON}#ex`, `${LESSON}#other-${i}`]);
        expect(a.exercises[`${LESSON}#ex`]).toMatchObject({ attempts: i + 2, failed: i + 1, passedAt: 1_700_000_000_000 });
        expect(a.exercises[`${LESSON}#other-${i}`]).toMatchObject({ attempts: 1, failed: 1, passedAt: null });
      });
    });

    it("refuses another learner's attempt ids and malformed items one by one, and stores the rest", async () => {
      const owner = await t.db.user.create({ data: { email: "owner@example.test" } });
      const thief = await t.db.user.create({ data: { email: "thief@example.test" } });
      const id = uuid();
      await applyProgressPush(owner.id, push({ attempts: [attempt(id, true)] }));
      const mine = uuid();
      const answer = await applyProgressPush(
        thief.id,
        push({ attempts: [attempt(id, false), attempt(mine)], drafts: { "r/big": { code: "x".repeat(200_001), updatedAt: 5 }, "r/ok": { code: "fine", updatedAt: 5 } }, lessons: { "Not An Id": lesson(1, 0) } }),
      );
      expect(answer.rejected.map((r) => [r.kind, r.id])).toEqual(expect.arrayContaining([["attempt", id], ["draft", "r/big"], ["lesson", "Not An Id"]]));
      expect(answer.rejected.find((r) => r.kind === "draft")!.message).toMatch(/200,000 characters/);
      expect(await t.db.exerciseAttempt.findUnique({ where: { id } })).toMatchObject({ userId: owner.id, passed: true });
      expect(await t.db.exerciseAttempt.findUnique({ where: { id: mine } })).toMatchObject({ userId: thief.id });
      expect(await t.db.codeDraft.findMany({ where: { userId: thief.id }, select: { runnerId: true } })).toEqual([{ runnerId: "r/ok" }]);
    });

    it("answers a new device's pull in pages that never split one save", async () => {
      const u = await t.db.user.create({ data: { email: "pages@example.test" } });
      const many = (from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c/l-${from + i}`, lesson(1000 + i, 0)]));
      for (let i = 0; i < 3; i++) await applyProgressPush(u.id, push({ lessons: many(i * 150, 150) }));
      const seen = new Set<string>();
      let cursor: number | null = null;
      let pages = 0;
      for (;;) {
        const page = await applyProgressPush(u.id, push({ cursor }));
        pages += 1;
        for (const id of Object.keys(page.lessons)) seen.add(id);
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen.size).toBe(450);
      expect(pages).toBeGreaterThan(1);
    });

    it("says when the session's user no longer exists", async () => {
      await expect(applyProgressPush("no-such-user", push({ lessons: { [LESSON]: lesson(1, 0) } }))).rejects.toBeInstanceOf(UnknownUserError);
      expect(await t.db.lessonProgress.count({ where: { userId: "no-such-user" } })).toBe(0);
    });

    it("creates accounts once per email, checks passwords, and deletes a user's rows with them", async () => {
      const created = await createUserWithPassword({ name: "Pat", email: "pat@example.test", password: "a-long-enough-passphrase", role: "learner" });
      expect(created.ok).toBe(true);
      const again = await createUserWithPassword({ name: "Pat 2", email: "pat@example.test", password: "another-passphrase", role: "learner" });
      expect(again).toMatchObject({ ok: false, fieldErrors: { email: expect.stringMatching(/already exists/) } });
      expect(await verifyCredentials("pat@example.test", "wrong")).toBeNull();
      const user = await verifyCredentials("pat@example.test", "a-long-enough-passphrase");
      expect(user?.email).toBe("pat@example.test");
      expect(await changePassword(user!.id, "wrong", "new-long-passphrase")).toMatchObject({ ok: false });
      expect(await changePassword(user!.id, "a-long-enough-passphrase", "new-long-passphrase")).toEqual({ ok: true });
      await applyProgressPush(user!.id, push({ lessons: { [LESSON]: lesson(1, 0) }, drafts: { "r/x": { code: "x", updatedAt: 1 } }, attempts: [attempt(uuid())] }));
      expect(await deleteUser(user!.id, "a-long-enough-passphrase")).toMatchObject({ ok: false });
      expect(await deleteUser(user!.id, "new-long-passphrase")).toEqual({ ok: true });
      const where = { userId: user!.id };
      expect([await t.db.lessonProgress.count({ where }), await t.db.codeDraft.count({ where }), await t.db.exerciseAttempt.count({ where })]).toEqual([0, 0, 0]);
    });

    it("limits failed sign-ins per account and per address, and a success clears the account's count", async () => {
      const email = "limited@example.test";
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        expect((await checkSignInAllowed(email, "10.0.0.1")).allowed).toBe(true);
        await recordSignInAttempt(email, "10.0.0.1", false);
      }
      const blocked = await checkSignInAllowed(email, "10.0.0.2");
      expect(blocked).toMatchObject({ allowed: false });
      expect(blocked.allowed ? 0 : blocked.retryAfterMs).toBeGreaterThan(SIGN_IN_LIMITS.windowMs - 60_000);
      // The window passes.
      expect((await checkSignInAllowed(email, "10.0.0.2", Date.now() + SIGN_IN_LIMITS.windowMs + 1000)).allowed).toBe(true);
      // One address guessing many accounts.
      for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await recordSignInAttempt(`victim${i}@example.test`, "10.9.9.9", false);
      expect((await checkSignInAllowed("fresh@example.test", "10.9.9.9")).allowed).toBe(false);
      expect((await checkSignInAllowed("fresh@example.test", "10.9.9.8")).allowed).toBe(true);
      // A success clears the account's failures.
      await recordSignInAttempt("ok@example.test", "10.0.0.3", false);
      await recordSignInAttempt("ok@example.test", "10.0.0.3", true);
      expect(await t.db.signInAttempt.count({ where: { key: "email:ok@example.test", success: false } })).toBe(0);
    });
  });
}

dataLayerSuite("progress, accounts and sign-in limits on SQLite", async () => undefined);

describePostgres("PostgreSQL", (start) => {
  dataLayerSuite("progress, accounts and sign-in limits on PostgreSQL", () => start("interleave_data"));
});
