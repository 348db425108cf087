import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimPlatform, type SimPlatform, type Tamper } from "@/tests/lti-platform/platform";
import { startToolServer } from "@/tests/lti-platform/tool-server";
import { describePostgres } from "@/scripts/lib/pg-suite";
import { installTestDb, type TestDb } from "@/lib/data/test-db";
import { createPlatform, deletePlatform, listPlatforms, listKeys, OPERATOR, publishedKeys, rotateKeys, getSigningKey } from "@/lib/data/lti";
import { claimDueScores, getClassLtiView, getRosterContext } from "@/lib/data/lti-sync";
import { getClassGrid } from "@/lib/data/class-progress";
import { applyProgressPush } from "@/lib/data/progress";
import { drainScoreOutbox, syncRoster } from "./worker";
import { POST as launchPost } from "@/app/lti/launch/route";
import { GET as loginGet, POST as loginPost } from "@/app/lti/login/route";
import { GET as jwksGet } from "@/app/lti/jwks/route";
import { POST as deepLinkPost } from "@/app/lti/deep-link/[session]/route";

/**
 * LTI 1.3 end to end at the HTTP level, against the simulated platform (tests/lti-platform): login, launch, deep
 * linking, grade passback through the outbox (with a platform outage), the roster, and every refusal with its page
 * and log line. On SQLite and on a throwaway PostgreSQL cluster. The browser flow is in e2e/lti.spec.ts.
 */

const CHAPTER = "concurrency-and-parallelism";
const LESSON_1 = `${CHAPTER}/doing-several-things`;
const LESSON_2 = `${CHAPTER}/waiting-versus-working`;
const EXERCISE = `${LESSON_2}#classify-jobs`;

/** A progress push from the learner's device, through the app's own save path. */
async function save(userId: string, push: { lessons: Record<string, unknown>; drafts: Record<string, unknown>; attempts: unknown[] }) {
  const pull = await applyProgressPush(userId, { ...push, cursor: null });
  expect(pull.rejected).toEqual([]);
}

/** Captures JSON log lines written while `fn` runs. */
async function logsOf<T>(fn: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split("\n")) {
      if (line.trim().startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    return { result: await fn(), lines };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function suite(name: string, makeUrl: () => Promise<string | undefined>) {
  describe(name, { timeout: 120_000 }, () => {
    let t: TestDb;
    let tool: Awaited<ReturnType<typeof startToolServer>>;
    let sim: SimPlatform;

    /** A browser's cookie jar, reduced to what a launch needs. */
    let cookies = new Map<string, string>();
    const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const [k, v] = pair!.split("=");
        if (/Max-Age=0/.test(c)) cookies.delete(k!);
        else cookies.set(k!, v ?? "");
      }
    };
    const hidden = (htmlText: string, field: string) => new RegExp(`name="${field}" value="([^"]*)"`).exec(htmlText)?.[1]?.replace(/&amp;/g, "&").replace(/&quot;/g, '"') ?? "";

    /** Walks login → platform authorization → launch, as a browser would; returns the tool's final answer. */
    async function launch(message: Parameters<SimPlatform["loginUrl"]>[0], opts: { tamper?: Tamper; dest?: string } = {}) {
      cookies = new Map();
      sim.tamperNext(opts.tamper ?? null);
      const login = await fetch(sim.loginUrl(message), { redirect: "manual" });
      keep(login);
      expect(login.status).toBe(302);
      const auth = await fetch(login.headers.get("location")!);
      const form = await auth.text();
      expect(auth.status, form).toBe(200);
      const body = new URLSearchParams({ id_token: hidden(form, "id_token"), state: hidden(form, "state") });
      const res = await fetch(`${tool.origin}/lti/launch`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), ...(opts.dest ? { "sec-fetch-dest": opts.dest } : {}) },
        body,
      });
      return { res, text: await res.text() };
    }

    beforeAll(async () => {
      t = await installTestDb(await makeUrl());
      tool = await startToolServer([
        { method: "GET", path: "/lti/login", handler: loginGet },
        { method: "POST", path: "/lti/login", handler: loginPost },
        { method: "POST", path: "/lti/launch", handler: launchPost },
        { method: "GET", path: "/lti/jwks", handler: () => jwksGet() },
        { method: "POST", path: "/lti/deep-link/:session", handler: (r, c) => deepLinkPost(r, c as { params: Promise<{ session: string }> }) },
      ]);
      sim = await startSimPlatform({
        toolOrigin: tool.origin,
        users: [
          { id: "teacher-1", name: "Tamsin Teacher", email: "tamsin@school.example", role: "instructor" },
          { id: "learner-ada", name: "Ada Learner", email: "ada@school.example", role: "learner" },
          { id: "learner-noor", name: "Noor Never", email: "noor@school.example", role: "learner" },
          { id: "learner-gone", name: "Gus Gone", email: "gus@school.example", role: "learner", status: "Inactive" },
        ],
      });
      const created = await createPlatform(OPERATOR, sim.registration);
      expect(created.ok).toBe(true);
    });
    afterAll(async () => {
      await sim?.close();
      await tool?.close();
      await t?.close();
    });
    afterEach(() => vi.restoreAllMocks());

    it("refuses to register platforms for anyone but an administrator", async () => {
      for (const role of ["learner", "teacher", "author"] as const) {
        const viewer = { id: "x", role };
        expect(await createPlatform(viewer, sim.registration)).toMatchObject({ ok: false });
        expect(await listPlatforms(viewer)).toBeNull();
        expect(await listKeys(viewer)).toBeNull();
        expect(await rotateKeys(viewer)).toMatchObject({ ok: false });
        expect(await deletePlatform(viewer, "any")).toMatchObject({ ok: false });
      }
      expect(await listPlatforms(OPERATOR)).toHaveLength(1);
      expect(await createPlatform(OPERATOR, sim.registration)).toMatchObject({ ok: false, field: "clientId" });
    });

    it("deep links a chapter: the picker in the LMS frame, a signed response the platform verifies", async () => {
      const { res, text } = await launch({ kind: "deep", userId: "teacher-1" });
      expect(res.status).toBe(200);
      expect(text).toContain("Lessons open in a new window");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors https: http://127.0.0.1:*");
      const action = /action="(\/lti\/deep-link\/[^"]+)"/.exec(text)![1]!;
      const picked = await fetch(`${tool.origin}${action}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ items: `chapter:${CHAPTER}` }) });
      const returnPage = await picked.text();
      expect(picked.status, returnPage).toBe(200);
      expect(picked.headers.get("content-security-policy")).toContain(`form-action 'self' ${sim.url}`);
      const back = await fetch(`${sim.url}/deep-link-return`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ JWT: hidden(returnPage, "JWT") }) });
      expect(back.status, await back.text()).toBe(200);
      expect(sim.links).toEqual([expect.objectContaining({ title: "Chapter 1: Concurrency, parallelism and multitasking", custom: { interleave_kind: "chapter", interleave_target: CHAPTER } })]);
      // Three lessons and two exercises (classify-jobs, share-the-loop).
      expect([...sim.lineItems.values()][0]).toMatchObject({ scoreMaximum: 5, resourceId: `chapter:${CHAPTER}` });
      // The picker is single use.
      const again = await fetch(`${tool.origin}${action}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ items: `chapter:${CHAPTER}` }) });
      expect(again.status).toBe(410);
    });

    it("launches a learner: an account by (issuer, subject), the class and assignment made on first launch, a one-time link to a window of our own", async () => {
      // Someone already has the learner's email here: the LMS must not be able to sign in as them.
      await t.db.user.create({ data: { email: "ada@school.example", name: "Not the LMS Ada" } });
      const { res, text } = await launch({ kind: "resource", userId: "learner-ada", linkId: sim.links[0]!.id }, { dest: "iframe" });
      expect(res.status).toBe(200);
      expect(text).toContain("Open the lesson in its own window");
      expect(text).toMatch(/href="\/lti\/open\/[A-Za-z0-9_-]{40,}"/);
      const identity = await t.db.ltiIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: sim.issuer, subject: "learner-ada" } }, include: { user: true } });
      expect(identity.user.email).toMatch(/@lti\.invalid$/);
      expect(identity.email).toBe("ada@school.example");
      expect(identity.user.name).toBe("Ada Learner");
      const context = await t.db.ltiContext.findFirstOrThrow({ include: { class: { include: { enrollments: true, assignments: true } } } });
      expect(context.class.name).toBe("Concurrency, Spring term");
      expect(context.class.enrollments.map((e) => e.userId)).toEqual([identity.userId]);
      expect(context.class.assignments).toEqual([expect.objectContaining({ kind: "chapter", target: CHAPTER })]);
      expect(await t.db.ltiScoreOutbox.count({ where: { userId: identity.userId } })).toBe(1);

      // A second launch by the same person finds the same account; a top-level launch with our cookie goes straight on.
      const top = await launch({ kind: "resource", userId: "learner-ada", linkId: sim.links[0]!.id }, { dest: "document" });
      expect(top.res.status).toBe(303);
      expect(top.res.headers.get("location")).toMatch(/^\/lti\/open\//);
      expect(await t.db.ltiIdentity.count({ where: { subject: "learner-ada" } })).toBe(1);
    });

    it("posts the score from stored progress when it changes, retries with backoff through an outage, and loses nothing", async () => {
      const ada = (await t.db.ltiIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: sim.issuer, subject: "learner-ada" } } })).userId;
      // Launched, nothing done yet: nothing is sent.
      expect(await drainScoreOutbox()).toMatchObject({ sent: 0 });
      expect(sim.scores).toEqual([]);
      const now = Date.now();
      const lesson = { firstOpenedAt: now, lastOpenedAt: now, position: 1, positionAt: now, completedAt: now, secondsSpent: 30 };
      await save(ada, {
        lessons: { [LESSON_1]: lesson },
        drafts: {},
        attempts: [{ id: crypto.randomUUID(), exerciseId: EXERCISE, lessonId: LESSON_2, code: "x", passed: true, hintsUsed: 0, output: "", at: now }],
      });
      expect(await drainScoreOutbox()).toMatchObject({ sent: 1 });
      expect(sim.scores).toEqual([expect.objectContaining({ userId: "learner-ada", scoreGiven: 2, scoreMaximum: 5, activityProgress: "InProgress", gradingProgress: "FullyGraded" })]);
      // Nothing changed: nothing sent again.
      await save(ada, { lessons: { [LESSON_1]: lesson }, drafts: {}, attempts: [] });
      expect(await drainScoreOutbox()).toMatchObject({ sent: 0 });

      // The platform is down for the next post: the row stays due with a backoff and the error, and goes later.
      sim.failScores(1, 503);
      await save(ada, { lessons: { [LESSON_2]: { ...lesson, completedAt: now + 1000 } }, drafts: {}, attempts: [] });
      const { result, lines } = await logsOf(() => drainScoreOutbox());
      expect(result).toMatchObject({ failed: 1 });
      expect(lines).toContainEqual(expect.objectContaining({ level: "warn", event: "lti.score_failed", attempts: 1 }));
      const row = await t.db.ltiScoreOutbox.findFirstOrThrow({ where: { userId: ada }, include: { user: { select: { progressSeq: true } } } });
      // Still due: the learner's progress counter is past what the row last saw.
      expect(row.user.progressSeq).toBeGreaterThan(row.seenSeq);
      expect(row.lastError).toContain("503");
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
      expect(await drainScoreOutbox()).toMatchObject({ sent: 0, failed: 0 });
      // Time passes (as after a restart): the same row goes out.
      await t.db.ltiScoreOutbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
      expect(await drainScoreOutbox()).toMatchObject({ sent: 1 });
      expect(sim.scores.at(-1)).toMatchObject({ scoreGiven: 3, scoreMaximum: 5 });
      expect(await t.db.ltiScoreOutbox.findFirstOrThrow({ where: { userId: ada } })).toMatchObject({ attempts: 0, lastError: null, sentScore: 3, sentMaximum: 5 });
      // Every token request asked for the score scope, with an assertion the platform verified against our JWKS.
      expect(sim.tokenRequests.every((s) => s.includes("https://purl.imsglobal.org/spec/lti-ags/scope/score"))).toBe(true);
    });

    it("syncs the roster: learners who never launched appear as not started, inactive ones do not; teachers see what was sent", async () => {
      const teacherLaunch = await launch({ kind: "resource", userId: "teacher-1", linkId: sim.links[0]!.id }, { dest: "iframe" });
      expect(teacherLaunch.text).toContain("Open your class in Interleave");
      const teacher = (await t.db.ltiIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: sim.issuer, subject: "teacher-1" } } })).userId;
      const classId = (await t.db.ltiContext.findFirstOrThrow()).classId;
      expect(await t.db.classTeacher.findFirst({ where: { classId, userId: teacher } })).toMatchObject({ role: "owner" });
      const ctx = (await getRosterContext(teacher, classId))!;
      expect(await syncRoster(ctx)).toMatchObject({ learners: 2, teachers: 1 });
      const grid = (await getClassGrid(teacher, classId))!;
      const names = grid.rows.map((r) => r.learner.name).sort();
      expect(names).toEqual(["Ada Learner", "Noor Never"]);
      // Teachers see the address the LMS sent, not the placeholder the account was given.
      expect(grid.rows.map((r) => r.learner.email).sort()).toEqual(["ada@school.example", "noor@school.example"]);
      const noor = grid.rows.find((r) => r.learner.name === "Noor Never")!;
      expect(noor.cells.every((c) => c.s === "not-started")).toBe(true);
      const view = (await getClassLtiView(teacher, classId))!;
      expect(view.platformName).toBe("Simulated LMS");
      const adaId = grid.rows.find((r) => r.learner.name === "Ada Learner")!.learner.id;
      expect(view.scores[adaId]).toEqual([expect.objectContaining({ state: "sent", score: 3, maximum: 5 })]);
      // Another teacher sees nothing of it.
      expect(await getClassLtiView("someone-else", classId)).toBeNull();
    });

    it("makes the gradebook column itself when a link has none, and never sends one score from two servers at once", async () => {
      // A link the teacher placed by hand (no line item from deep linking): the tool finds or creates the column.
      sim.links.push({ id: "rl-manual", title: "Placed by hand", custom: { interleave_kind: "lesson", interleave_target: LESSON_2 }, lineItemId: null });
      const { res } = await launch({ kind: "resource", userId: "learner-ada", linkId: "rl-manual" });
      expect(res.status).toBe(200);
      const ada = (await t.db.ltiIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: sim.issuer, subject: "learner-ada" } } })).userId;
      const row = await t.db.ltiScoreOutbox.findFirstOrThrow({ where: { userId: ada, link: { resourceLinkId: "rl-manual" } } });
      // Lesson 2 is completed and its exercise passed (earlier tests): 2 of 2.
      await t.db.ltiScoreOutbox.update({ where: { id: row.id }, data: { version: { increment: 1 } } });

      // Two servers claim at once: each due row goes to one of them.
      const [a, b] = await Promise.all([claimDueScores(20), claimDueScores(20)]);
      const claimed = [...a, ...b].map((r) => r.id);
      expect(claimed.filter((id) => id === row.id)).toHaveLength(1);
      expect(new Set(claimed).size).toBe(claimed.length);
      // The server that claimed it "crashes": the lease keeps it from others until it runs out, then it goes.
      expect(await drainScoreOutbox()).toMatchObject({ sent: 0 });
      await t.db.ltiScoreOutbox.updateMany({ data: { lockedUntil: new Date(Date.now() - 1) } });
      expect(await drainScoreOutbox()).toMatchObject({ sent: 1, failed: 0 });
      const created = [...sim.lineItems.values()].find((li) => li.resourceLinkId === "rl-manual");
      expect(created).toMatchObject({ scoreMaximum: 2, resourceId: `lesson:${LESSON_2}`, label: "1.2 Waiting versus working" });
      expect(sim.scores.at(-1)).toMatchObject({ lineItemId: created!.id, userId: "learner-ada", scoreGiven: 2, scoreMaximum: 2, activityProgress: "Completed" });
      expect((await t.db.ltiResourceLink.findFirstOrThrow({ where: { resourceLinkId: "rl-manual" } })).lineItemUrl).toContain(`/lineitems/${created!.id}`);
    });

    const refusals: { tamper: Tamper; status: number; reason: string; text: RegExp }[] = [
      { tamper: "bad-signature", status: 401, reason: "bad_signature", text: /signature does not match Simulated LMS/ },
      { tamper: "wrong-audience", status: 401, reason: "wrong_audience", text: /meant for another tool/ },
      { tamper: "expired", status: 401, reason: "expired", text: /expired|too old/ },
      { tamper: "unknown-deployment", status: 403, reason: "unknown_deployment", text: /deployment .*someone-elses-deployment.* is not registered/ },
    ];
    for (const r of refusals) {
      it(`refuses a launch with ${r.tamper}: a clear page and a log line`, async () => {
        const { result, lines } = await logsOf(() => launch({ kind: "resource", userId: "learner-ada", linkId: sim.links[0]!.id }, { tamper: r.tamper }));
        expect(result.res.status).toBe(r.status);
        expect(result.text).toContain("This link could not be opened");
        expect(result.text.replace(/&[a-z#0-9]+;/g, "")).toMatch(r.text);
        expect(result.text).toContain(`<code>${r.reason}</code>`);
        expect(lines).toContainEqual(expect.objectContaining({ level: "warn", event: "lti.launch_refused", reason: r.reason }));
      });
    }

    it("refuses a replayed launch (the same id_token and nonce again)", async () => {
      const first = await launch({ kind: "resource", userId: "learner-ada", linkId: sim.links[0]!.id });
      expect(first.res.status).toBe(200);
      const seen = sim.launches.at(-1)!;
      const { result, lines } = await logsOf(() =>
        fetch(`${tool.origin}/lti/launch`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() }, body: new URLSearchParams({ id_token: seen.idToken, state: seen.state }) }),
      );
      expect(result.status).toBe(403);
      expect(await result.text()).toContain("already been used");
      expect(lines).toContainEqual(expect.objectContaining({ event: "lti.launch_refused", reason: "replayed" }));
    });

    it("lets only teachers deep link", async () => {
      const { res, text } = await launch({ kind: "deep", userId: "learner-ada" });
      expect(res.status).toBe(400);
      expect(text).toContain("Only the course&#39;s teachers add Interleave content");
    });

    it("refuses unknown platforms, malformed posts and foreign targets with 4xx pages", async () => {
      const bad = await fetch(`${tool.origin}/lti/login?iss=https://nobody.example&login_hint=x&target_link_uri=${encodeURIComponent(`${tool.origin}/lti/launch`)}`);
      expect(bad.status).toBe(403);
      expect(await bad.text()).toContain("is registered with Interleave");
      const foreign = await fetch(`${tool.origin}/lti/login?iss=${encodeURIComponent(sim.issuer)}&login_hint=x&target_link_uri=https://evil.example/`);
      expect(foreign.status).toBe(400);
      const empty = await fetch(`${tool.origin}/lti/launch`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "id_token=abc&state=def" });
      expect(empty.status).toBe(400);
      const notForm = await fetch(`${tool.origin}/lti/launch`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(notForm.status).toBe(400);
    });

    it("rotates its key: the next key is published first, then signs; the platform still verifies us", async () => {
      const before = await getSigningKey();
      const rotated = await rotateKeys(OPERATOR);
      expect(rotated.ok).toBe(true);
      expect((await publishedKeys()).map((k) => k.kid)).toEqual(expect.arrayContaining([before.kid, rotated.ok ? rotated.kid : ""]));
      expect((await getSigningKey()).kid).toBe(before.kid);
      const now = await rotateKeys(OPERATOR, { immediate: true });
      const signing = await getSigningKey();
      expect(signing.kid).toBe(now.ok ? now.kid : "");
      expect((await publishedKeys()).map((k) => k.kid)).toEqual([signing.kid]);
      expect((await listKeys(OPERATOR))!.filter((k) => k.state === "signing")).toHaveLength(1);
      // A score goes out with a client assertion signed by the new key (the platform refetches our JWKS).
      const ada = (await t.db.ltiIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: sim.issuer, subject: "learner-ada" } } })).userId;
      const { forgetTokens } = await import("./services");
      forgetTokens((await t.db.ltiPlatform.findFirstOrThrow()).id);
      const now2 = Date.now() + 5000;
      await save(ada, { lessons: { [`${CHAPTER}/preemptive-and-cooperative`]: { firstOpenedAt: now2, lastOpenedAt: now2, position: 1, positionAt: now2, completedAt: now2, secondsSpent: 5 } }, drafts: {}, attempts: [] });
      expect(await drainScoreOutbox()).toMatchObject({ sent: 1, failed: 0 });
      expect(sim.scores.at(-1)).toMatchObject({ scoreGiven: 4 });
    });
  });
}

suite("LTI on SQLite", async () => undefined);

describePostgres("PostgreSQL", (start) => {
  suite("LTI on PostgreSQL", () => start());
});
