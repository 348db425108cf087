import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { expectOneDateFormat, signInAs, test, uniqueEmail } from "./helpers";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";
// An exercise of the course (the grid shows only those of assigned lessons: issue 21, item 4).
const EXERCISE = "concurrency-and-parallelism/waiting-versus-working#classify-jobs";

async function signUpAsTeacher(page: Page, name: string, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-passphrase");
  await page.getByLabel("teach a class").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}!`);
}

async function newSignedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

const tab = (page: Page, name: string) => page.getByRole("navigation", { name: "Class" }).getByRole("link", { name });

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("a teacher follows a new learner's work live, exports it, shares the class, and outsiders get 404", async ({ page, browser }) => {
  // The teacher creates a class and assigns the first lesson.
  const teacherEmail = uniqueEmail("teach");
  await signUpAsTeacher(page, "Tomás Teacher", teacherEmail);
  await page.getByRole("link", { name: "Teach", exact: true }).click();
  await page.getByLabel("Class name").fill('Threads, "Tuesday" group');
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText('Threads, "Tuesday" group');
  const joinCode = (await page.getByTestId("join-code").innerText()).trim();
  expect(joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const classUrl = new URL(page.url()).pathname;
  const classId = classUrl.split("/").pop()!;

  await tab(page, "Assignments").click();
  await page.getByLabel("Lesson or chapter").selectOption({ label: "1.1 Doing several things at once" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText("Assigned: 1.1 Doing several things at once.")).toBeVisible();
  await page.getByLabel("Lesson or chapter").selectOption({ label: "1.2 Waiting versus working" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText("Assigned: 1.2 Waiting versus working.")).toBeVisible();

  await tab(page, "Progress").click();
  await expect(page.getByText("No learners yet.")).toBeVisible();
  // Marks this page load: if the page reloads, the marker is gone.
  await page.evaluate(() => ((window as unknown as { teachMarker: number }).teachMarker = 42));

  // A learner joins with the code (typed in lower case) and does the lesson and an exercise.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const learnerName = 'Zoë "Z" Müller, Jr.';
  await signInAs(learner, uniqueEmail("zoe"), { name: learnerName });
  await learner.goto("/me");
  await learner.getByLabel("Class code").fill(joinCode.toLowerCase());
  await learner.getByRole("button", { name: "Join class" }).click();
  await expect(learner.getByText('You joined Threads, "Tuesday" group.')).toBeVisible();
  await expect(learner.getByRole("link", { name: "1.1 Doing several things at once" })).toBeVisible();

  await learner.goto(LESSON_1);
  await learner.getByRole("button", { name: "Mark lesson as complete" }).click();
  await expect(learner.getByText("Saved to your account.")).toBeVisible({ timeout: 20_000 });
  // The exercise component posts its check results through the progress API; do the same from the learner's page.
  const status = await learner.evaluate(async (exerciseId) => {
    const attempt = (passed: boolean, code: string, at: number) => ({ id: crypto.randomUUID(), exerciseId, lessonId: exerciseId.split("#")[0], code, passed, hintsUsed: passed ? 1 : 0, output: "", at });
    const res = await fetch("/api/progress", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ attempts: [attempt(false, "print('first try')", Date.now() - 1000), attempt(true, "print('overlapping at last')", Date.now())] }),
    });
    return res.status;
  }, EXERCISE);
  expect(status).toBe(200);

  // The teacher's grid shows it without a reload.
  const row = page.getByRole("row", { name: new RegExp(learnerName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row).toBeVisible({ timeout: 20_000 });
  // Cells carry their status in data-s (c = lesson completed, p = exercise passed); the text is the short form.
  await expect(row.locator('td[data-s="c"]')).toHaveText("✓", { timeout: 20_000 });
  const cell = row.locator('td[data-s="p"]');
  await expect(cell).toHaveText("✓21h", { timeout: 20_000 });
  await cell.hover();
  await expect(cell).toHaveAttribute("title", /^passed, 2 attempts, 1 hint, last activity/);
  expect(await page.evaluate(() => (window as unknown as { teachMarker?: number }).teachMarker)).toBe(42);

  // Clicking the cell shows the submitted code and the attempts over time.
  await cell.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: /classify-jobs/ })).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "2 attempts" })).toBeVisible();
  await expect(dialog.getByLabel("Submitted code")).toHaveText("print('overlapping at last')");
  await dialog.getByRole("button", { name: /failed/ }).click();
  await expect(dialog.getByLabel("Submitted code")).toHaveText("print('first try')");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The CSV has one row for the learner, with the name quoted as RFC 4180 wants.
  const csvResponse = await page.request.get(`/api/teach/classes/${classId}/export`);
  expect(csvResponse.status()).toBe(200);
  expect(csvResponse.headers()["content-type"]).toContain("text/csv");
  const csv = (await csvResponse.body()).toString("utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("1.1 Doing several things at once");
  expect(lines[1]).toContain('"Zoë ""Z"" Müller, Jr."');
  expect(lines[1]).toContain("completed");
  expect(lines[1]).toContain('"passed, 2 attempts, 1 hint"');

  await expectNoSeriousViolations(page);

  // A co-teacher is added by email and sees the class.
  await tab(page, "People").click();
  await page.getByLabel("Co-teacher's email").fill("teacher@interleave.dev");
  await page.getByRole("button", { name: "Add co-teacher" }).click();
  await expect(page.getByText("Tess Teacher now teaches this class too.")).toBeVisible();
  const coTeacher = await newSignedInPage(browser, "teacher@interleave.dev");
  await coTeacher.goto("/teach");
  await coTeacher.getByRole("link", { name: 'Threads, "Tuesday" group' }).click();
  await expect(coTeacher.getByRole("row", { name: /Zoë/ })).toBeVisible();

  // An outsider teacher gets 404 for the page and for every API of the class.
  const outsider = await newSignedInPage(browser, "author@interleave.dev");
  const response = await outsider.goto(classUrl);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await outsider.goto(`${classUrl}/people`))?.status()).toBe(404);
  for (const api of ["grid", "export", "version", `cell?learner=x&item=${encodeURIComponent(EXERCISE)}`]) {
    expect((await outsider.request.get(`/api/teach/classes/${classId}/${api}`)).status(), api).toBe(404);
  }
  await outsider.context().close();
  await coTeacher.context().close();

  // The learner leaves: the teacher no longer sees them.
  await learner.goto("/me");
  learner.once("dialog", (d) => void d.accept());
  await learner.getByRole("button", { name: 'Leave Threads, "Tuesday" group' }).click();
  await expect(learner.getByText("You left the class.")).toBeVisible();
  await tab(page, "Progress").click();
  await expect(page.getByText("No learners yet.")).toBeVisible({ timeout: 20_000 });
  await learnerContext.close();
});

test("join links explain unknown codes, learners cannot create classes, and assignments show in the catalog", async ({ page, signInAs }) => {
  await signInAs(uniqueEmail("lia"), { name: "Lia" });
  await page.goto("/join/NOPE-2222");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No class has this code");
  await expect(page.getByRole("alert").filter({ hasText: "“NOPE-2222” is not the code of any class" })).toBeVisible();
  await page.goto("/teach");
  await expect(page.getByText("Teaching is for teacher accounts.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create class" })).toHaveCount(0);

  // The demo class joined by link; then its teacher archives it and the link says so.
  await page.goto("/join/DEMO-101");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Concurrency 101");
  await page.getByRole("button", { name: "Join Concurrency 101" }).click();
  await expect(page.getByText("You joined Concurrency 101.")).toBeVisible();
  await page.goto("/join/demo-101");
  await expect(page.getByText("You are already in this class.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Doing several things at once/ }).getByText(/Overdue/)).toBeVisible();
});

test("the seeded demo class shows a realistic grid with help signals and a summary", async ({ page, signInAs }) => {
  await signInAs("teacher@interleave.dev");
  await page.goto("/teach");
  await page.getByRole("link", { name: "Concurrency 101" }).click();
  const grid = page.getByTestId("progress-grid");
  await expect(grid.getByRole("row", { name: /Dara Ó Briain/ })).toBeVisible();
  // The five seeded learners (another test may have joined the class too).
  expect(await grid.getByRole("row").count()).toBeGreaterThanOrEqual(1 + 5);
  const help = page.getByRole("region", { name: "Needs help" });
  await expect(help.getByText("Chen \"CJ\" Jun")).toBeVisible();
  await expect(help.getByText(/4 failed attempts/)).toBeVisible();
  await expect(help.getByText("Dara Ó Briain")).toBeVisible();
  await expect(page.getByRole("row", { name: /Dara Ó Briain/ }).locator("td[data-o]").first()).toBeVisible();
  await expect(page.getByRole("table", { name: /Learners who completed each assigned lesson/ })).toBeVisible();

  // Sorting by a column header and keyboard movement between cells.
  await grid.getByRole("button", { name: "Done" }).click();
  await expect(grid.locator("thead th").nth(1)).toHaveAttribute("aria-sort", "descending");
  // One tab stop in the grid; arrow keys move it and the focused cell says what it holds.
  const cellAt = (r: number, c: number) => grid.locator("tbody tr").nth(r).locator("td[data-s]").nth(c);
  await cellAt(0, 0).focus();
  await page.keyboard.press("ArrowRight");
  await expect(cellAt(0, 1)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(cellAt(1, 1)).toBeFocused();
  await expect(cellAt(1, 1)).toHaveAccessibleDescription(/attempt|not started|completed|in progress/);
  await expect(grid.locator("td[tabindex='0']")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(cellAt(1, 1)).toBeFocused();

  await page.getByLabel("Show").selectOption("help");
  await expect(grid.getByRole("row")).toHaveCount(1 + 2);

  // Only the course's own exercise of an assigned lesson has a column and appears among the hardest (issue 21,
  // item 4): lesson 1.2's classify-jobs.
  await expect(grid.locator("thead .col-exercise")).toHaveCount(1);
  await expect(grid.locator("thead .col-exercise")).toContainText("classify-jobs");
  await expect(page.locator(".hardest-list li")).toHaveCount(1);
  await expect(page.locator(".hardest-list li")).toContainText("classify-jobs");

  // Dates on the class's pages are written one way (issue 21, item 7).
  await tab(page, "Assignments").click();
  await expectOneDateFormat(page, 2);
  await tab(page, "People").click();
  await expectOneDateFormat(page, 5);
});
