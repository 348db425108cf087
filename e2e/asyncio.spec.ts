import { expect, test } from "@playwright/test";
import { ready } from "./helpers";

const LESSON = "/learn/single-threaded-concurrency/tasks-and-the-event-loop";

test.describe.configure({ timeout: 180_000 });

test("the lesson's three concurrent tasks interleave, and the event-loop picture steps one iteration at a time", async ({ page }) => {
  await page.goto(LESSON);
  const runner = page.locator(".runner", { hasText: "Three tasks, one thread" });
  await ready(runner);
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/, { timeout: 60_000 });
  const log = runner.getByRole("log");
  await expect(log).toContainText("['tea', 'coffee', 'cocoa']");
  // Interleaved: all three start before any finishes, and they finish in order of their sleeps.
  const text = await log.innerText();
  const at = (s: string) => text.indexOf(s);
  for (const s of ["tea: start", "coffee: start", "cocoa: start", "coffee: done", "tea: done", "cocoa: done"]) expect(at(s), s).toBeGreaterThan(-1);
  expect(at("cocoa: start")).toBeLessThan(at("coffee: done"));
  expect(at("coffee: done")).toBeLessThan(at("tea: done"));
  expect(at("tea: done")).toBeLessThan(at("cocoa: done"));

  const view = runner.getByTestId("event-loop-view");
  await expect(view).toBeVisible();
  await expect(view.getByText("Event loop", { exact: true })).toBeVisible();
  // main() and the three brew tasks it gathered: a lane each, and three brew() tasks in the tree under Task-1.
  await expect(view.getByTestId("elv-lane")).toHaveCount(4);
  await expect(view.locator(".elv-tree li", { hasText: "brew()" })).toHaveCount(3);
  await expect(view.locator(".elv-tree li", { hasText: "brew()" }).first()).toHaveText(/└ Task-2/);

  const counter = view.getByTestId("elv-counter");
  await expect(counter).toHaveText(/^Iteration 1 \/ (\d+)/);
  const total = Number((await counter.innerText()).match(/\/ (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(5);
  const caption = view.getByTestId("elv-caption");
  await expect(caption).toContainText("Iteration 1 of");
  await expect(caption).toContainText("Task-1 ran at line 14 and now waits on gather(3)");

  await view.getByRole("button", { name: "Next iteration" }).click();
  await expect(counter).toHaveText(new RegExp(`^Iteration 2 / ${total}`));
  // The second iteration runs the three brew tasks, in order, each up to its sleep.
  await expect(caption).toContainText("Task-2 ran at line 7 and now waits on sleep(0.2); Task-3 ran at line 7 and now waits on sleep(0.1); Task-4 ran at line 7 and now waits on sleep(0.3)");
  await expect(view.locator(".elv-queue li")).toHaveText(["Task-2", "Task-3", "Task-4"]);
  await expect(view.locator(".elv-timers li")).toHaveCount(3);
  await expect(view.locator(".elv-ran")).toContainText("await asyncio.sleep(seconds)");
  // Stepping marks, in the runner's editor, the line where the tasks of this iteration stopped.
  await expect(runner.locator(".monaco-editor .editor-step-line")).not.toHaveCount(0);

  // Keyboard: the picture takes ←/→ and Home/End.
  const region = view.locator(".elv-scroll");
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText(new RegExp(`^Iteration 3 / ${total}`));
  await page.keyboard.press("End");
  await expect(counter).toHaveText(new RegExp(`^Iteration ${total} / ${total}`));
  await expect(view.getByRole("button", { name: "Next iteration" })).toBeDisabled();
  await page.keyboard.press("Home");
  await expect(counter).toHaveText(new RegExp(`^Iteration 1 / ${total}`));

  // The recorded picture embedded in the lesson is there too.
  await expect(page.locator(".mdx-thread-timeline").getByTestId("event-loop-view")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await view.scrollIntoViewIfNeeded();
  const box = await view.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/event-loop-view-phone.png", fullPage: false });
});

test("the event-loop picture follows the dark theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(LESSON);
  const view = page.locator(".mdx-thread-timeline").getByTestId("event-loop-view");
  await expect(view).toBeVisible();
  const colours = await view.evaluate((el) => {
    const scroll = el.querySelector(".elv-scroll")!;
    return { background: getComputedStyle(scroll).backgroundColor, text: getComputedStyle(el.querySelector(".elv-caption")!).color };
  });
  // Dark background, light text (the app's light-dark() variables), not the light theme's white and near-black.
  const channels = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  expect(Math.max(...channels(colours.background))).toBeLessThan(60);
  expect(Math.min(...channels(colours.text))).toBeGreaterThan(180);
  await view.scrollIntoViewIfNeeded();
  await view.screenshot({ path: "test-results/event-loop-view-dark.png" });
});
