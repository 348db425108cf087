import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readExerciseSource } from "@/lib/content/exercise-source";
import { startSimPlatform, type SimPlatform, type Tamper } from "@/tests/lti-platform/platform";
import { signInAs, typeCode, uniqueEmail } from "./helpers";

/**
 * Interleave inside a school's LMS, driven through a simulated LMS (tests/lti-platform) on 127.0.0.1: an admin
 * registers it, a teacher deep-links a chapter from inside the LMS frame, a learner launches it (the lesson opens in
 * a window of its own, cross-origin isolated), passes an exercise, and the LMS receives the score; the teacher sees
 * it as sent and the roster's learner who never launched as not started. Then every refusal, as the person sees it.
 */

const CHAPTER_TITLE = "Chapter 1: Concurrency, parallelism and multitasking";
const LESSON_2 = "/learn/concurrency-and-parallelism/waiting-versus-working";
const { solution: SOLUTION } = readExerciseSource(path.join("content", "01.concurrency-and-parallelism", "02.waiting-versus-working", "exercises", "classify-jobs"));

let sim: SimPlatform;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  sim = await startSimPlatform({
    toolOrigin: baseURL!,
    users: [
      { id: "teacher-1", name: "Tamsin Teacher", email: "tamsin@school.example", role: "instructor" },
      { id: "learner-ada", name: "Ada Lovelace", email: "ada@school.example", role: "learner" },
      { id: "learner-noor", name: "Noor Never", email: "noor@school.example", role: "learner" },
    ],
  });
});

test.afterAll(async () => {
  await sim?.close();
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function lmsPage(browser: Browser, userId: string, frame: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${sim.url}/course/${userId}?frame=${encodeURIComponent(frame)}`);
  return { context, page, tool: page.frameLocator("#tool") };
}

test("an admin registers the LMS; a teacher deep-links a chapter; a learner launches it, passes an exercise, and the LMS gets the score", async ({ page, browser }) => {
  // An administrator registers the simulated LMS on /admin/lti.
  const email = uniqueEmail("admin");
  await signInAs(page, email, { name: "Ada Admin", role: "admin" });
  await page.goto("/admin/lti");
  await expect(page.getByRole("heading", { name: "LMS platforms (LTI 1.3)" })).toBeVisible();
  await expect(page.getByText(`${new URL(page.url()).origin}/lti/login`)).toBeVisible();
  const r = sim.registration;
  await page.getByLabel("Name").fill(r.name);
  await page.getByLabel("Issuer (iss)").fill(r.issuer);
  await page.getByLabel("Client id").fill(r.clientId);
  await page.getByLabel("Authentication request URL").fill(r.authLoginUrl);
  await page.getByLabel("Access token URL").fill(r.authTokenUrl);
  await page.getByLabel("Public keyset URL").fill(r.keysetUrl);
  await page.getByLabel("Deployment ids").fill(r.deploymentIds.join("\n"));
  await page.getByRole("button", { name: "Register platform" }).click();
  await expect(page.getByText(`Registered ${r.name}.`)).toBeVisible();
  await expect(page.getByTestId("platform")).toContainText(r.clientId);
  await expectNoSeriousViolations(page);

  // The teacher adds Interleave content from inside the LMS: the picker runs in the LMS frame and says lessons open in a new window.
  const teacher = await lmsPage(browser, "teacher-1", "deep");
  await expect(teacher.tool.getByText("Lessons open in a new window.")).toBeVisible();
  await expectNoSeriousViolations(teacher.page);
  await teacher.tool.getByRole("group", { name: CHAPTER_TITLE }).getByLabel(/The whole chapter/).check();
  await teacher.tool.getByRole("button", { name: `Add to ${r.name}` }).click();
  await expect(teacher.tool.getByRole("heading", { name: "Added to the course" })).toBeVisible();
  await expect(teacher.tool.getByText(CHAPTER_TITLE)).toBeVisible();
  expect(sim.links).toEqual([expect.objectContaining({ title: CHAPTER_TITLE, custom: { interleave_kind: "chapter", interleave_target: "concurrency-and-parallelism" } })]);
  const link = sim.links[0]!.id;

  // The learner opens the link in the LMS: inside the frame Interleave offers a window of its own.
  const learner = await lmsPage(browser, "learner-ada", link);
  await expect(learner.tool.getByRole("link", { name: "Open the lesson in a new window" })).toBeVisible();
  await expectNoSeriousViolations(learner.page);
  const opened = learner.context.waitForEvent("page");
  await learner.tool.getByRole("link", { name: "Open the lesson in a new window" }).click();
  await expect(learner.tool.getByText("Opened in a new window.")).toBeVisible();
  const lesson = await opened;
  await lesson.waitForURL(/\/learn\/concurrency-and-parallelism\/doing-several-things$/);
  expect(await lesson.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await expect(lesson.getByRole("link", { name: "Ada Lovelace" })).toBeVisible();

  // The learner passes an exercise in the chapter.
  await lesson.goto(LESSON_2);
  const exercise = lesson.locator(".exercise");
  await exercise.scrollIntoViewIfNeeded();
  await expect(exercise.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await typeCode(lesson, exercise, SOLUTION);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.getByRole("status").first()).toHaveText("All checks passed. Well done!", { timeout: 120_000 });
  const passedAt = Date.now();

  // The LMS receives the score (an exercise of five items), from the outbox, with its progress fields.
  await expect
    .poll(() => sim.scores.filter((s) => s.userId === "learner-ada").at(-1), { timeout: 30_000 })
    .toMatchObject({ scoreGiven: 1, scoreMaximum: 5, activityProgress: "InProgress", gradingProgress: "FullyGraded" });
  console.log(`lti: the score reached the LMS ${Date.now() - passedAt} ms after the check passed (progress save, outbox, token and score post)`);

  // The teacher opens the class from the LMS: the grid says the score was sent; the roster's learner who never launched is there, not started.
  const teacherLink = await lmsPage(browser, "teacher-1", link);
  const classOpened = teacherLink.context.waitForEvent("page");
  await teacherLink.tool.getByRole("link", { name: "Open your class in Interleave in a new window" }).click();
  const klass = await classOpened;
  await klass.waitForURL(/\/teach\/classes\//);
  await expect(klass.getByRole("heading", { name: `Linked to ${r.name}` })).toBeVisible();
  const grid = klass.getByTestId("progress-grid");
  await expect(grid.getByRole("row", { name: /Ada Lovelace/ })).toContainText(/1\/5 sent/);
  await expect(grid.getByRole("row", { name: /Noor Never/ })).toContainText("not launched", { timeout: 20_000 });
  await expect(grid.getByRole("row", { name: /Noor Never/ }).locator("td[data-s]").first()).toHaveAttribute("data-s", "n");
  await klass.getByRole("button", { name: "Sync roster now" }).click();
  await expect(klass.getByText(/Roster synced: 2 learners, 1 teacher/)).toBeVisible();
  await expectNoSeriousViolations(klass);
  for (const c of [teacher, learner, teacherLink]) await c.context.close();
});

const REFUSALS: { tamper: Tamper; text: RegExp; code: string }[] = [
  { tamper: "bad-signature", text: /signature does not match Simulated LMS's published keys/, code: "bad_signature" },
  { tamper: "wrong-audience", text: /meant for another tool/, code: "wrong_audience" },
  { tamper: "expired", text: /(expired|too old)\. Go back to your course/, code: "expired" },
  { tamper: "unknown-deployment", text: /deployment “someone-elses-deployment” of Simulated LMS, which is not registered/, code: "unknown_deployment" },
];

for (const refusal of REFUSALS) {
  test(`a launch with ${refusal.tamper} is refused with a clear page`, async ({ browser }) => {
    sim.tamperNext(refusal.tamper);
    const learner = await lmsPage(browser, "learner-ada", sim.links[0]!.id);
    await expect(learner.tool.getByRole("heading", { name: "This link could not be opened" })).toBeVisible();
    await expect(learner.tool.getByRole("alert")).toHaveText(refusal.text);
    await expect(learner.tool.locator("code")).toHaveText(refusal.code);
    await expect(learner.tool.getByRole("link", { name: /Open the lesson/ })).toHaveCount(0);
    if (refusal.tamper === "bad-signature") await expectNoSeriousViolations(learner.page);
    await learner.context.close();
  });
}

test("a replayed launch (the same id_token and state posted again) is refused", async ({ browser }) => {
  // The file runs serially: the first test makes the deep link. Without it this test fails rather than skips.
  expect(sim.links.length, "the deep link made by the first test of this file").toBeGreaterThan(0);
  const learner = await lmsPage(browser, "learner-ada", sim.links[0]!.id);
  await expect(learner.tool.getByRole("link", { name: "Open the lesson in a new window" })).toBeVisible();
  const seen = sim.launches.at(-1)!;
  const replay = await learner.page.request.post("/lti/launch", { form: { id_token: seen.idToken, state: seen.state }, maxRedirects: 0 });
  expect(replay.status()).toBe(403);
  expect(await replay.text()).toContain("This launch has already been used.");
  await learner.context.close();
});
