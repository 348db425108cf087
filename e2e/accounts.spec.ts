import { expect, test } from "@playwright/test";
import { e2eDb, expectOneDateFormat, signIn, signUp, uniqueEmail } from "./helpers";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";
const LESSON_2 = "/learn/concurrency-and-parallelism/waiting-versus-working";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("progress and edited code follow the learner to a new browser", async ({ page, browser }) => {
  const email = uniqueEmail("ada");
  await signUp(page, { name: "Ada", email });

  await page.goto(LESSON_1);
  await page.getByRole("button", { name: "Mark lesson as complete" }).click();
  await expect(page.getByText(/Completed on/)).toBeVisible();

  const runner = page.locator(".runner").first();
  await page.evaluate(() => navigator.clipboard.writeText('print("my own version")\n'));
  await runner.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByRole("status").filter({ hasText: "Saved to your account." })).toBeVisible({ timeout: 15_000 });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const other = await browser.newContext();
  const page2 = await other.newPage();
  // Once the sign-in page is left, the header never shows "Sign in" (it did for a moment after signing in, until
  // the session's answer came): checked at every frame.
  await page2.addInitScript(() => {
    const w = window as unknown as { __staleSignIn?: string };
    const check = () => {
      const link = document.querySelector<HTMLElement>('.site-header a[href="/sign-in"]');
      if (location.pathname !== "/sign-in" && link && link.offsetParent !== null && getComputedStyle(link).visibility !== "hidden") {
        w.__staleSignIn ??= location.pathname;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await signIn(page2, email);
  await expect(page2).toHaveURL(/\/me$|\/$/);
  await expect(page2.locator(".site-header").getByRole("link", { name: "My progress" })).toBeVisible();
  expect(await page2.evaluate(() => (window as unknown as { __staleSignIn?: string }).__staleSignIn), "header said Sign in on").toBeUndefined();
  await page2.goto("/");
  const row = page2.getByRole("link", { name: /Doing several things at once/ });
  await expect(row.getByText("✓ Completed")).toBeVisible({ timeout: 15_000 });
  await page2.goto(LESSON_1);
  await expect(page2.locator(".runner").first().locator(".monaco-editor")).toContainText('print("my own version")', { timeout: 30_000 });
  await other.close();
});

test("progress made before signing up is merged into the new account, and the welcome page shows it", async ({ page }) => {
  await page.goto(LESSON_2);
  await page.getByRole("button", { name: "Mark lesson as complete" }).click();
  await expect(page.getByText("Progress is saved on this device.")).toBeVisible();
  // Continue leads on to the next unfinished lesson, not back to the one just completed (issue 21, item 6).
  await page.goto("/");
  await expect(page.locator(".hero").getByRole("link", { name: /^Continue: / })).toHaveText("Continue: Preemptive and cooperative multitasking");
  const email = uniqueEmail("bo");
  await signUp(page, { name: "Bo", email });
  // The welcome page counts the progress made before signing up without a reload (issue 21, item 2).
  await expect(page.getByRole("status").filter({ hasText: "What you did on this device before signing up is in it now." })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".stats dd").first()).toHaveText(/^1\b/, { timeout: 20_000 });
  await expect(page.getByRole("link", { name: "Start the course" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Continue: Preemptive and cooperative multitasking" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Waiting versus working", exact: true })).toBeVisible();
  // One date format (issue 21, item 7): the completed lesson's date.
  await expectOneDateFormat(page);
});

test("wrong passwords get a clear message, and repeated failures are rate limited", async ({ page }) => {
  const email = uniqueEmail("cy");
  await signUp(page, { name: "Cy", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(page.locator(".form-error")).toHaveText("Wrong email or password.");
  }
  await signIn(page, email);
  await expect(page.locator(".form-error")).toHaveText(/Too many failed sign-in attempts\. Try again in \d+ minutes\./);
});

test("sign-up explains what is wrong with the input", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Di");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Di");

  await page.getByLabel("Email").fill("learner@interleave.dev");
  await page.getByLabel("Password").fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
});

test("deleting the account removes the user's rows", async ({ page }) => {
  const email = uniqueEmail("del");
  await signUp(page, { name: "Del", email });
  await page.goto(LESSON_1);
  await page.getByRole("button", { name: "Mark lesson as complete" }).click();
  await expect(page.getByText("Saved to your account.")).toBeVisible({ timeout: 15_000 });
  const db = e2eDb();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);

  await page.goto("/settings");
  await page.getByLabel(/Type "delete my account" to confirm/).fill("delete my account");
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Delete my account and all my data" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  expect(await db.user.count({ where: { email } })).toBe(0);
  expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  await db.$disconnect();
});

test("the progress API rejects anonymous and malformed pushes with a 4xx and a message, and refuses foreign items by name", async ({ page, request }) => {
  const anonymous = await request.post("/api/progress", { data: { lessons: {} } });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toMatch(/Sign in/);

  await signUp(page, { name: "Eve", email: uniqueEmail("eve") });
  const api = page.request;
  const notJson = await api.post("/api/progress", { headers: { "Content-Type": "application/json" }, data: "{nope" });
  expect(notJson.status()).toBe(400);
  const malformed = await api.post("/api/progress", { data: { cursor: "yesterday", lessons: [] } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toBe("The progress push is malformed.");
  // A malformed item is refused on its own with a reason; the push is answered and the rest is stored.
  const mixed = await api.post("/api/progress", { data: { lessons: { "not an id": { position: 7 } }, drafts: { "eve/ok:1": { code: "print(1)", updatedAt: Date.now() } } } });
  expect(mixed.status()).toBe(200);
  const mixedBody = (await mixed.json()) as { rejected: { kind: string; id: string; message: string }[]; cursor: number };
  expect(mixedBody.rejected).toEqual([expect.objectContaining({ kind: "lesson", id: "not an id" })]);
  expect(mixedBody.cursor).toBeGreaterThan(0);

  // An attempt id that belongs to another account is refused.
  const db = e2eDb();
  const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@interleave.dev" } });
  const foreignId = "00000000-0000-4000-8000-00000000abcd";
  await db.exerciseAttempt.upsert({
    where: { id: foreignId },
    create: { id: foreignId, userId: learner.id, exerciseId: "e", lessonId: "c/l", code: "", passed: false, createdAt: new Date() },
    update: {},
  });
  await db.$disconnect();
  const foreign = await api.post("/api/progress", {
    data: { attempts: [{ id: foreignId, exerciseId: "e", lessonId: "c/l", code: "x", passed: true, hintsUsed: 0, at: Date.now() }] },
  });
  // Refused by name, never stored over the owner's attempt, and never a reason for the device to stop syncing.
  expect(foreign.status()).toBe(200);
  expect(((await foreign.json()) as { rejected: unknown[] }).rejected).toEqual([{ kind: "attempt", id: foreignId, message: "This attempt id belongs to another account." }]);
  const check = e2eDb();
  expect(await check.exerciseAttempt.findUnique({ where: { id: foreignId } })).toMatchObject({ userId: learner.id, passed: false, code: "" });
  await check.$disconnect();
});

test("two browsers saving progress for the same learner at the same time lose nothing", async ({ browser }) => {
  const email = uniqueEmail("twin");
  const a = await browser.newContext();
  const pageA = await a.newPage();
  await signUp(pageA, { name: "Twin", email });
  const b = await browser.newContext();
  const pageB = await b.newPage();
  await signIn(pageB, email);
  await expect(pageB.getByRole("button", { name: "Sign out" })).toBeVisible();

  const lesson = (i: number, at: number) => ({ firstOpenedAt: at, lastOpenedAt: at, position: 0.5, positionAt: at, completedAt: at, secondsSpent: i });
  const now = Date.now();
  const saves = [];
  for (let i = 0; i < 12; i++) {
    // Each browser saves its own lessons and both edit the same draft; all requests are in flight together.
    saves.push(pageA.request.post("/api/progress", { data: { lessons: { [`twin/a-${i}`]: lesson(i, now + i) }, drafts: { "twin/shared:1": { code: `from A ${i}`, updatedAt: now + i * 2 } } } }));
    saves.push(pageB.request.post("/api/progress", { data: { lessons: { [`twin/b-${i}`]: lesson(i, now + i) }, drafts: { "twin/shared:1": { code: `from B ${i}`, updatedAt: now + i * 2 + 1 } } } }));
  }
  const responses = await Promise.all(saves);
  expect(responses.map((r) => r.status())).toEqual(responses.map(() => 200));

  const final = (await (await pageA.request.get("/api/progress")).json()) as { lessons: Record<string, unknown>; drafts: Record<string, { code: string }> };
  for (let i = 0; i < 12; i++) {
    expect(final.lessons[`twin/a-${i}`], `lesson a-${i}`).toBeTruthy();
    expect(final.lessons[`twin/b-${i}`], `lesson b-${i}`).toBeTruthy();
  }
  // The newest edit wins, whichever request arrived last.
  expect(final.drafts["twin/shared:1"]!.code).toBe("from B 11");
  await a.close();
  await b.close();
});
