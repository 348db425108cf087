import { expect, test } from "@playwright/test";

const LESSON = "/learn/processes-and-threads/starting-a-process";

test.describe.configure({ timeout: 180_000 });

test("the lesson's example prints two different pids and draws two process lanes running at once", async ({ page }) => {
  await page.goto(LESSON);
  const runner = page.locator(".runner").first();
  await expect(runner.getByRole("status")).toHaveText(/Ready|Finished|Exception|Interrupted/, { timeout: 120_000 });
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("status")).toHaveText(/Finished in/, { timeout: 90_000 });

  const text = await runner.getByRole("log").innerText();
  const parent = Number(/parent: pid (\d+)/.exec(text)?.[1]);
  const child = /child: pid (\d+), parent (\d+)/.exec(text);
  expect(parent).toBeGreaterThan(0);
  expect(child, text).not.toBeNull();
  expect(Number(child![1])).not.toBe(parent);
  expect(Number(child![2])).toBe(parent);
  // Once both processes printed, the console tags each line with its process.
  expect(text).toMatch(/\[Process-1\] child: pid/);

  const timeline = runner.getByTestId("process-timeline");
  await expect(timeline).toBeVisible();
  await expect(timeline).toHaveAttribute("data-processes", "2");
  await expect(timeline.locator(".process-timeline-lane")).toHaveCount(2);
  await expect(timeline.locator(`.process-timeline-lane[data-pid="${parent}"]`)).toHaveCount(1);
  await expect(timeline.locator(`.process-timeline-lane[data-pid="${child![1]}"]`)).toHaveCount(1);
  // The two lanes overlap in time while both run: parallel, not taking turns.
  const overlap = Number(await timeline.getAttribute("data-overlap-ms"));
  expect(overlap).toBeGreaterThan(50);
});
