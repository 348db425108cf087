// The learner-facing data layer (progress, accounts, sign-in limits) on SQLite and on a throwaway PostgreSQL
// cluster: the same code and migrations must behave the same on both (issue 11, "Scale out").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable, startPgCluster, type PgCluster } from "@/scripts/lib/pg-cluster";
import type { ProgressSnapshot } from "@/lib/progress/model";
import { changePassword, createUserWithPassword, deleteUser, verifyCredentials } from "./accounts";
import { ForbiddenError, getProgressSnapshot, mergeProgress } from "./progress";
import { checkSignInAllowed, recordSignInAttempt, SIGN_IN_LIMITS } from "./rate-limit";
import { installTestDb, type TestDb } from "./test-db";

const LESSON = "threads/starting-threads";
let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

function snapshot(parts: Partial<ProgressSnapshot>): ProgressSnapshot {
  return { lessons: {}, drafts: {}, attempts: [], ...parts };
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

    it("merges progress monotonically and idempotently", async () => {
      const u = await t.db.user.create({ data: { email: "merge@example.test" } });
      const a1 = uuid();
      const first = snapshot({ lessons: { [LESSON]: lesson(1000, 0.5) }, drafts: { "r/1": { code: "a", updatedAt: 1000 } }, attempts: [attempt(a1)] });
      const once = await mergeProgress(u.id, first);
      const twice = await mergeProgress(u.id, first);
      expect(twice).toEqual(once);
      // An older snapshot changes nothing; a newer one moves position and draft forward and keeps the completion.
      await mergeProgress(u.id, snapshot({ lessons: { [LESSON]: lesson(500, 0.1, 400) }, drafts: { "r/1": { code: "old", updatedAt: 10 } } }));
      const merged = await getProgressSnapshot(u.id);
      expect(merged.lessons[LESSON]).toMatchObject({ firstOpenedAt: 500, position: 0.5, completedAt: 400 });
      expect(merged.drafts["r/1"]).toEqual({ code: "a", updatedAt: 1000 });
      expect(merged.attempts.map((a) => a.id)).toEqual([a1]);
    });

    it("loses nothing when many saves for one learner arrive at once", async () => {
      const u = await t.db.user.create({ data: { email: "burst@example.test" } });
      const ids = Array.from({ length: 24 }, uuid);
      await Promise.all(ids.map((id, i) => mergeProgress(u.id, snapshot({ lessons: { [LESSON]: lesson(2000 + i, i / 24) }, drafts: { [`r/${i % 3}`]: { code: `v${i}`, updatedAt: 2000 + i } }, attempts: [attempt(id, i % 2 === 0)] }))));
      const s = await getProgressSnapshot(u.id);
      expect(s.attempts.map((a) => a.id).sort()).toEqual([...ids].sort());
      expect(s.lessons[LESSON]).toMatchObject({ firstOpenedAt: 2000, lastOpenedAt: 2023, position: 23 / 24 });
      expect(s.drafts["r/2"]).toEqual({ code: "v23", updatedAt: 2023 });
    });

    it("refuses another learner's attempt ids", async () => {
      const owner = await t.db.user.create({ data: { email: "owner@example.test" } });
      const thief = await t.db.user.create({ data: { email: "thief@example.test" } });
      const id = uuid();
      await mergeProgress(owner.id, snapshot({ attempts: [attempt(id, true)] }));
      await expect(mergeProgress(thief.id, snapshot({ attempts: [attempt(id, false)] }))).rejects.toBeInstanceOf(ForbiddenError);
      expect((await getProgressSnapshot(owner.id)).attempts[0]).toMatchObject({ id, passed: true });
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
      await mergeProgress(user!.id, snapshot({ lessons: { [LESSON]: lesson(1, 0) }, drafts: { "r/x": { code: "x", updatedAt: 1 } }, attempts: [attempt(uuid())] }));
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

const hasPostgres = postgresAvailable();
if (!hasPostgres) console.warn("PostgreSQL binaries (initdb, pg_ctl) not found: skipping the PostgreSQL data-layer suite.");
let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());
describe.runIf(hasPostgres)("PostgreSQL", () => {
  dataLayerSuite("progress, accounts and sign-in limits on PostgreSQL", async () => {
    cluster = await startPgCluster("interleave_data");
    return cluster.url;
  });
});
