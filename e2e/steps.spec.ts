import { expect, test } from "@playwright/test";

// The interactive steps of issue 20, in the lessons that use them, driven as a learner would (keyboard included).
// A cold Pyodide load takes 10-11 s on an idle two-core machine and several times that when other jobs share it.
test.describe.configure({ timeout: 180_000 });

test("which outputs are possible: the schedule search judges the ticks, and a myth is answered", async ({ page }) => {
  await page.goto("/learn/shared-state/thread-local-state");
  const step = page.locator("section.possible");
  const options = step.getByRole("checkbox");
  await expect(options).toHaveCount(4);
  // Tick the three possible ones, but also the impossible third: one wrong.
  for (const i of [0, 1, 2, 3]) await options.nth(i).check();
  await step.getByRole("button", { name: "Check by searching the schedules" }).click();
  await expect(step.getByRole("status")).toHaveText("3 of 4 right. Read why under each output.", { timeout: 120_000 });
  await expect(step.locator(".possible-option").nth(2)).toHaveAttribute("data-result", "wrong");
  await expect(step.locator(".possible-option").nth(2)).toContainText(/impossible\. None of the \d+ schedules with up to 2 preemptions prints it/);
  await expect(step.locator(".possible-option").nth(0)).toContainText(/possible\. The schedule gil:[0-9x,]+ prints it/);
  // Untick it (with the keyboard) and check again.
  await options.nth(2).focus();
  await page.keyboard.press("Space");
  await step.getByRole("button", { name: "Check by searching the schedules" }).click();
  await expect(step.getByRole("status")).toHaveText("All right: exactly the ones you ticked can be printed.", { timeout: 60_000 });

  const myth = page.locator("section.myth").first();
  await myth.getByRole("button", { name: "A fact" }).click();
  await expect(myth.getByRole("status")).toHaveText("Not so: it is a myth. Read why.");
  await expect(myth.getByRole("link", { name: "Race conditions and locks" })).toBeVisible();
});

test("find the blocking call: the measurement names the line", async ({ page }) => {
  await page.goto("/learn/single-threaded-concurrency/async-iterators-and-context-managers");
  const step = page.locator("section.blocking");
  await step.getByRole("radio", { name: /^Line 8: await asyncio.sleep/ }).check();
  await step.getByRole("button", { name: "Check by running it" }).click();
  await expect(step.getByRole("status")).toHaveText("Not line 8. The loop is blocked on line 13.", { timeout: 120_000 });
  await expect(step).toContainText(/the event loop's thread spent 0\.\d\d s on line 13/);
  await step.getByRole("radio", { name: /^Line 13: time.sleep\(0.2\)/ }).check();
  await step.getByRole("button", { name: "Check by running it" }).click();
  await expect(step.getByRole("status")).toHaveText("Right: line 13 blocks the event loop.");
});

test("a prediction within the example's pattern counts as right, and the deadlock report comes first", async ({ page }) => {
  await page.goto("/learn/single-threaded-concurrency/failures-and-cancellation");
  const predict = page.locator("section.predict").filter({ hasText: "Fastest first" });
  await predict
    .getByRole("textbox")
    .fill("us answered after 0.2 s\nasia answered after 0.3 s\neu answered after 0.4 s\nfirst: ['us'] still running: 2\ncancelled: 2");
  await predict.getByRole("button", { name: "Run and compare" }).click();
  await expect(predict.getByRole("status")).toContainText("Spot on", { timeout: 120_000 });
  await expect(predict.getByRole("status")).toContainText("only where the output varies from run to run");

  await page.goto("/learn/shared-state/when-a-thread-fails");
  const report = page.getByLabel("The program's output and deadlock report");
  await expect(report).toContainText("Deadlock: every thread is waiting");
  await expect(report).toContainText("consumer waits for an item in readings (it is empty)");
});
