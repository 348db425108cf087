import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { readExerciseSource } from "@/lib/content/exercise-source";
import { e2eContentDir, e2eDb, test } from "./helpers";

const LESSON_2 = "/learn/concurrency-and-parallelism/waiting-versus-working";
const PREVIEW_2 = "/author/preview/concurrency-and-parallelism/waiting-versus-working";
const LESSON_2_DIR = "01.concurrency-and-parallelism/02.waiting-versus-working";

// A cold Pyodide load takes 10-11 s on an idle two-core machine and several times that when other jobs share it.
test.describe.configure({ timeout: 180_000 });
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("the authoring pages are hidden from visitors and learners", async ({ page, signInAs }) => {
  expect((await page.goto("/author"))?.status()).toBe(404);
  expect((await page.goto(PREVIEW_2))?.status()).toBe(404);
  expect((await page.request.get("/api/dev/content-events")).status()).toBe(404);
  await signInAs("learner@interleave.dev");
  expect((await page.goto("/author/components"))?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Authoring" })).toHaveCount(0);
});

test("an author sees every lesson's status and the component catalog", async ({ page, signInAs }) => {
  await signInAs("author@interleave.dev");
  await page.goto("/");
  await page.getByRole("link", { name: "Authoring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lessons" })).toBeVisible();
  const row = page.getByRole("row", { name: /Waiting versus working/ });
  await expect(row.getByText("Published")).toBeVisible();
  await page.getByRole("link", { name: "Components" }).click();
  for (const name of ["<CodeRunner>", "<PredictOutput>", "<Exercise>", "<Quiz>", "<Callout>", "<Figure>", "<PossibleOutputs>", "<Myth>", "<FindTheBlockingCall>", "<FixTheDeadlock>"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  // The catalog's examples are live lesson components.
  await expect(page.locator(".catalog-live .exercise").first().getByRole("button", { name: "Check" })).toBeVisible();
  await expect(page.locator(".catalog-live").getByRole("img", { name: /Two timelines/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "<EventLoopView>" })).toBeVisible();
  await expect(page.locator(".catalog-live").getByTestId("event-loop-view")).toBeVisible();
});

test("an author saves an edit and the preview updates without a reload", async ({ page, signInAs }) => {
  const dir = path.join(e2eContentDir(), LESSON_2_DIR);
  const mdx = path.join(dir, "index.mdx");
  const hints = path.join(dir, "exercises/classify-jobs/hints.md");
  const solution = path.join(dir, "exercises/classify-jobs/solution.py");
  const originals = [mdx, hints, solution].map((f) => [f, fs.readFileSync(f, "utf8")] as const);
  try {
    await signInAs("author@interleave.dev");
    await page.goto(PREVIEW_2);
    await expect(page.locator("html")).toHaveAttribute("data-live-reload", "connected");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // Saving the lesson's MDX re-renders it.
    const marker = `Edited while previewing ${Date.now()}`;
    fs.writeFileSync(mdx, originals[0]![1].replace("## Two kinds of slow", `${marker}\n\n## Two kinds of slow`));
    await expect(page.getByText(marker)).toBeVisible({ timeout: 10_000 });

    // So does saving a file of an exercise (a fourth hint).
    const exercise = page.locator(".exercise");
    await expect(exercise.getByRole("button", { name: /Show a hint \(1 of 3\)/ })).toBeVisible();
    fs.writeFileSync(hints, `${originals[1]![1].trimEnd()}\n---\nA fourth hint.\n`);
    await expect(exercise.getByRole("button", { name: /Show a hint \(1 of 4\)/ })).toBeVisible({ timeout: 10_000 });

    // A broken marker in the exercise's solution.py is shown with that file and line; fixing it brings the lesson back.
    fs.writeFileSync(solution, originals[2]![1].replace('    # return "?"', '    return "?"'));
    await expect(page.getByRole("alert").filter({ hasText: "does not compile" })).toContainText(/classify-jobs\/solution\.py:5: this line of the "#\| starter" part \(opened at line 4\) is not a comment/, { timeout: 10_000 });
    fs.writeFileSync(solution, originals[2]![1]);
    await expect(exercise.getByRole("button", { name: /Show a hint \(1 of 4\)/ })).toBeVisible({ timeout: 10_000 });

    // A mistake shows its file and line in place, and fixing it brings the lesson back.
    fs.writeFileSync(mdx, `${originals[0]![1]}\n<Spinner />\n`);
    await expect(page.getByRole("alert").filter({ hasText: "does not compile" })).toContainText(/index\.mdx:\d+(:\d+)?: unknown component <Spinner>/, { timeout: 10_000 });
    fs.writeFileSync(mdx, originals[0]![1]);
    await expect(page.getByRole("heading", { level: 2, name: "Two kinds of slow" })).toBeVisible({ timeout: 10_000 });

    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  } finally {
    for (const [file, text] of originals) fs.writeFileSync(file, text);
  }
});

test("a learner solves the exercise: Check passes and the attempt is saved", async ({ page, signInAs }) => {
  // The seeded demo class has older attempts of this learner on the same exercise: only this test's count.
  const since = new Date();
  await signInAs("learner@interleave.dev");
  await page.goto(LESSON_2);
  const exercise = page.locator(".exercise");
  await exercise.scrollIntoViewIfNeeded();
  await expect(exercise.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  const status = exercise.getByRole("status").first();

  // The starter fails with the check's own message, not a traceback of the checker.
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(status).toHaveText("Not yet: a check failed.", { timeout: 120_000 });
  await expect(exercise.locator(".exercise-verdict")).toContainText("classify(2.0, 1.9), a job busy almost all the time: expected 'cpu-bound', got '?'");
  await expect(exercise.locator(".exercise-verdict")).not.toContainText("Traceback");

  // One hint at a time.
  await exercise.getByRole("button", { name: /Show a hint/ }).click();
  await expect(exercise.getByText("Hint 1 of 3")).toBeVisible();

  // The solution as "Show a solution" shows it: solution.py without its markers and starter lines.
  const { solution } = readExerciseSource(path.join("content", LESSON_2_DIR, "exercises/classify-jobs"));
  await page.evaluate((text) => navigator.clipboard.writeText(text), solution);
  await exercise.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(exercise.locator(".monaco-editor .view-lines")).toContainText("max(waits, default=0.0)");
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(status).toHaveText("All checks passed. Well done!");
  await expect(exercise.getByText("✓ Solved")).toBeVisible();
  await expect(exercise.getByRole("button", { name: "Show a solution" })).toBeVisible();

  // Both attempts reach the account, with the code, the verdict and the hints used.
  const db = e2eDb();
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email: "learner@interleave.dev" } });
    await expect
      .poll(async () => db.exerciseAttempt.findMany({ where: { userId: user.id, exerciseId: "concurrency-and-parallelism/waiting-versus-working#classify-jobs", createdAt: { gte: since } }, orderBy: { createdAt: "asc" } }), { timeout: 15_000 })
      .toEqual([
        expect.objectContaining({ lessonId: "concurrency-and-parallelism/waiting-versus-working", passed: false, hintsUsed: 0, code: expect.stringContaining('return "?"') }),
        expect.objectContaining({ passed: true, hintsUsed: 1, code: expect.stringContaining("max(waits, default=0.0)") }),
      ]);
  } finally {
    await db.$disconnect();
  }
});
