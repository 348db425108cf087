// The browser's progress store against the real data layer (issue 18), on SQLite and on a throwaway PostgreSQL
// cluster: browsers are simulated (storage shared by their tabs, a network that can be cut), and each push goes
// through the same envelope check as POST /api/progress into applyProgressPush.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore, type StoreEnvironment } from "@/components/progress/progress-store";
import { applyProgressPush } from "@/lib/data/progress";
import { installTestDb, type TestDb } from "@/lib/data/test-db";
import { exerciseStats, ProgressPushSchema } from "@/lib/progress/model";
import { describePostgres } from "@/scripts/lib/pg-suite";

const LESSON = "threads/starting-threads";
const EXERCISE = `${LESSON}#counter`;

/** One browser profile: one localStorage shared by its tabs, one network connection, one signed-in account. */
class FakeBrowser {
  private data = new Map<string, string>();
  private tabs: { storage: ((key: string | null, value: string | null) => void)[]; online: (() => void)[] }[] = [];
  online = true;
  pushes = 0;
  statuses: number[] = [];
  private clock = 1_700_000_000_000;
  account: string | null = null;

  tab(): ProgressStore {
    const listeners = { storage: [] as ((key: string | null, value: string | null) => void)[], online: [] as (() => void)[] };
    this.tabs.push(listeners);
    const env: StoreEnvironment = {
      storage: {
        getItem: (key) => this.data.get(key) ?? null,
        setItem: (key, value) => {
          this.data.set(key, value);
          // Other tabs hear of it a moment later, as with real storage events.
          for (const other of this.tabs) if (other !== listeners) for (const l of other.storage) queueMicrotask(() => l(key, value));
        },
        removeItem: (key) => void this.data.delete(key),
      },
      fetch: async (_url, init) => {
        if (!this.online) throw new TypeError("Failed to fetch");
        this.pushes += 1;
        if (!this.account) return Response.json({ error: "Sign in" }, { status: 401 });
        const parsed = ProgressPushSchema.safeParse(JSON.parse(String(init.body)));
        if (!parsed.success) return Response.json({ error: "The progress push is malformed." }, { status: 400 });
        const answer = await applyProgressPush(this.account, parsed.data);
        this.statuses.push(200);
        return Response.json(answer);
      },
      isOnline: () => this.online,
      on: ((event: string, handler: never) => {
        if (event === "storage") listeners.storage.push(handler);
        if (event === "online") listeners.online.push(handler);
      }) as StoreEnvironment["on"],
      now: () => (this.clock += 7),
      randomId: () => randomUUID(),
    };
    return new ProgressStore(env);
  }

  /** Lets storage events reach the other tabs. */
  async settle() {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  }
}

function attemptOn(store: ProgressStore, i: number, passed = false) {
  store.recordAttempt({ exerciseId: EXERCISE, lessonId: LESSON, code: `print(${i})`, passed, hintsUsed: i % 3, output: `out ${i}` });
}

function storeSuite(name: string, makeUrl: () => Promise<string | undefined>) {
  describe(name, { timeout: 180_000 }, () => {
    let t: TestDb;
    const stores: ProgressStore[] = [];
    const track = (s: ProgressStore) => (stores.push(s), s);
    beforeAll(async () => {
      t = await installTestDb(await makeUrl());
    });
    afterAll(async () => {
      for (const s of stores) s.setUser(null); // no retry timers left behind
      await t.close();
    });
    const newUser = (email: string) => t.db.user.create({ data: { email } });
    const stored = (userId: string) => t.db.exerciseAttempt.count({ where: { userId } });
    /** A browser signed in to `userId`'s account, and a tab of it whose store knows the user. */
    const signedIn = (userId: string) => {
      const browser = new FakeBrowser();
      browser.account = userId;
      const tab = track(browser.tab());
      tab.setUser(userId);
      return { browser, tab };
    };

    it("500 attempts on the server and 500 more on a device: all 1,000 kept, every push answered 2xx", async () => {
      const u = await newUser("five-hundred@example.test");
      const { tab: a } = signedIn(u.id);
      for (let i = 0; i < 500; i++) attemptOn(a, i, i === 499);
      expect(await a.flush()).toBe(true);
      expect(await stored(u.id)).toBe(500);

      const phone = new FakeBrowser();
      phone.account = u.id;
      const b = track(phone.tab());
      phone.online = false;
      b.setUser(u.id);
      for (let i = 0; i < 500; i++) attemptOn(b, 1000 + i);
      expect(b.getSyncState()).toBe("pending");
      phone.online = true;
      expect(await b.flush()).toBe(true);
      expect(await stored(u.id)).toBe(1000);
      expect(phone.statuses.every((s) => s === 200)).toBe(true);
      expect(b.debugState()).toMatchObject({ unsentAttempts: 0, refused: 0 });
      // The device keeps a summary, not 1,000 attempts; the laptop learns of the phone's work on its next sync.
      expect(exerciseStats(b.getSnapshot(), EXERCISE)).toEqual({ attempts: 1000, failed: 999, passed: true, maxHints: 2 });
      expect(b.getSnapshot().attempts).toHaveLength(0);
      expect(await a.flush()).toBe(true);
      expect(exerciseStats(a.getSnapshot(), EXERCISE)).toMatchObject({ attempts: 1000, passed: true });
    });

    it("a device offline for 1,000 attempts, lessons and edits merges with what another device did meanwhile", async () => {
      const u = await newUser("offline-1000@example.test");
      const home = new FakeBrowser();
      const school = new FakeBrowser();
      home.account = school.account = u.id;
      const h = track(home.tab());
      const s = track(school.tab());
      h.setUser(u.id);
      s.setUser(u.id);
      await h.flush();
      await s.flush();

      home.online = false;
      h.openLesson(LESSON, 1000);
      h.readLesson(LESSON, 0.8, 120, 5000);
      h.saveDraft("threads/starting-threads:1", "print('home, older')", 2000);
      for (let i = 0; i < 1000; i++) attemptOn(h, i);
      expect(await h.flush()).toBe(false); // offline: kept, and retried later
      expect(h.debugState()).toMatchObject({ unsentAttempts: 1000, unsentLessons: 1 });

      s.openLesson(LESSON, 3000);
      s.completeLesson(LESSON, 3500);
      s.saveDraft("threads/starting-threads:1", "print('school, newer')", 4000);
      attemptOn(s, 5000, true);
      expect(await s.flush()).toBe(true);

      home.online = true;
      expect(await h.flush()).toBe(true);
      expect(await s.flush()).toBe(true);
      for (const device of [h, s]) {
        const snap = device.getSnapshot();
        // Earliest first visit, latest position, first completion, newest draft, every attempt.
        expect(snap.lessons[LESSON]).toMatchObject({ firstOpenedAt: 1000, position: 0.8, positionAt: 5000, completedAt: 3500, secondsSpent: 120 });
        expect(snap.drafts["threads/starting-threads:1"]!.code).toBe("print('school, newer')");
        expect(exerciseStats(snap, EXERCISE)).toMatchObject({ attempts: 1001, failed: 1000, passed: true });
      }
      expect(await stored(u.id)).toBe(1001);
    });

    it("two tabs share one copy: both tabs' work arrives once and both tabs end up with all of it", async () => {
      const u = await newUser("tabs@example.test");
      const browser = new FakeBrowser();
      browser.account = u.id;
      const one = track(browser.tab());
      const two = track(browser.tab());
      one.setUser(u.id);
      two.setUser(u.id);
      for (let i = 0; i < 30; i++) {
        attemptOn(i % 2 ? one : two, i, i === 29);
        (i % 2 ? one : two).saveDraft(`threads/starting-threads:${i % 4}`, `v${i}`, 10_000 + i);
        await browser.settle();
      }
      one.completeLesson(LESSON, 20_000);
      await browser.settle();
      await Promise.all([one.flush(), two.flush()]);
      await browser.settle();
      await Promise.all([one.flush(), two.flush()]);
      await browser.settle();
      expect(await stored(u.id)).toBe(30);
      for (const tab of [one, two]) {
        const snap = tab.getSnapshot();
        expect(exerciseStats(snap, EXERCISE)).toMatchObject({ attempts: 30, passed: true });
        expect(snap.attempts).toHaveLength(0);
        expect(snap.drafts["threads/starting-threads:1"]!.code).toBe("v29");
        expect(snap.lessons[LESSON]!.completedAt).toBe(20_000);
      }
    });

    it("anonymous progress is merged into the account at sign-in, with the account's own progress", async () => {
      const u = await newUser("anon@example.test");
      // The account already has work from another device.
      const { tab: o } = signedIn(u.id);
      o.readLesson("threads/the-gil", 0.3, 40, 1000);
      for (let i = 0; i < 3; i++) attemptOn(o, i);
      await o.flush();

      const browser = new FakeBrowser();
      const tab = track(browser.tab());
      tab.setUser(null);
      tab.completeLesson(LESSON, 2000);
      tab.saveDraft("threads/starting-threads:1", "mine", 3000);
      for (let i = 0; i < 250; i++) attemptOn(tab, i, i === 249);
      expect(browser.pushes).toBe(0); // anonymous: nothing leaves the device
      expect(tab.getSyncState()).toBe("local");

      browser.account = u.id;
      tab.setUser(u.id);
      expect(await tab.flush()).toBe(true);
      expect(await stored(u.id)).toBe(253);
      const snap = tab.getSnapshot();
      expect(snap.lessons[LESSON]!.completedAt).toBe(2000);
      expect(snap.lessons["threads/the-gil"]!.position).toBe(0.3);
      expect(exerciseStats(snap, EXERCISE)).toMatchObject({ attempts: 253, passed: true });
      expect(await t.db.codeDraft.findUnique({ where: { userId_runnerId: { userId: u.id, runnerId: "threads/starting-threads:1" } } })).toMatchObject({ code: "mine" });
    });

    it("a change the server refuses is reported, kept on the device, and does not stop the rest from syncing", async () => {
      const u = await newUser("refused@example.test");
      const { browser, tab } = signedIn(u.id);
      const huge = "x".repeat(200_001);
      tab.saveDraft("threads/starting-threads:1", huge, 1000);
      attemptOn(tab, 1, true);
      expect(await tab.flush()).toBe(true);
      expect(tab.getProblems().refused).toEqual([expect.objectContaining({ kind: "draft", id: "threads/starting-threads:1", message: expect.stringMatching(/200,000 characters/) })]);
      expect(tab.getSnapshot().drafts["threads/starting-threads:1"]!.code).toBe(huge); // not dropped
      expect(await stored(u.id)).toBe(1);
      // Later changes keep syncing; shortening the program clears the refusal and saves it.
      tab.completeLesson(LESSON, 2000);
      tab.saveDraft("threads/starting-threads:1", "short again", 3000);
      expect(await tab.flush()).toBe(true);
      expect(tab.getProblems().refused).toEqual([]);
      expect(await t.db.codeDraft.count({ where: { userId: u.id } })).toBe(1);
      expect(await t.db.lessonProgress.findUnique({ where: { userId_lessonId: { userId: u.id, lessonId: LESSON } } })).toMatchObject({ completedAt: new Date(2000) });
      expect(browser.statuses.every((s) => s === 200)).toBe(true);
    });
  });
}

storeSuite("the progress store syncing with the data layer on SQLite", async () => undefined);

describePostgres("PostgreSQL", (start) => {
  storeSuite("the progress store syncing with the data layer on PostgreSQL", () => start("interleave_store"));
});
