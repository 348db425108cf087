/**
 * Issue 3's rows through the site: the Python runtime as a learner meets it (lesson page, CodeRunner, console), in
 * headless Chromium against the production server. The runtime alone is measured in ./python-runtime.ts.
 */
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../lib/python/harness/chromium";
import { atMost, median, type BenchModule, type Row } from "./lib";

const GROUP = "runtime-site";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";

async function paste(page: Page, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".runner .monaco-editor").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
}

async function runAndWait(page: Page, pattern: RegExp, timeout = 120_000) {
  const runner = page.locator(".runner").first();
  await runner.getByRole("button", { name: "Run" }).click();
  await runner.locator(".runner-status").filter({ hasText: pattern }).waitFor({ timeout });
}

async function runtimeBench(baseURL: string, trials: number): Promise<Row[]> {
  const rows: Row[] = [];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const nextLesson: number[] = [];
    for (let i = 0; i < Math.max(2, Math.ceil(trials / 3)); i++) {
      const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], serviceWorkers: "block" });
      const page = await context.newPage();
      for (const [list, label] of [
        [cold, "cold"],
        [warm, "warm"],
      ] as const) {
        const t0 = Date.now();
        await page.goto(`${baseURL}${LESSON_1}`);
        const runner = page.locator(".runner").first();
        await runner.getByRole("button", { name: "Run" }).click();
        await runner.getByRole("log").filter({ hasText: "A does step 0" }).waitFor({ timeout: 120_000 });
        list.push(Date.now() - t0);
        void label;
      }
      // Client-side navigation keeps the worker: the next lesson's runner is ready at once.
      const t0 = Date.now();
      await page.getByRole("link", { name: /Next Waiting versus working/ }).click();
      await page.locator(".runner .runner-status").filter({ hasText: "Ready" }).first().waitFor();
      nextLesson.push(Date.now() - t0);
      await context.close();
    }
    rows.push({ group: GROUP, name: "navigation → first output, cold", value: median(cold), unit: "ms", ...atMost(median(cold), 3000), note: `median of ${cold.length}` });
    rows.push({ group: GROUP, name: "navigation → first output, warm HTTP cache", value: median(warm), unit: "ms", ...atMost(median(warm), 1500), note: `median of ${warm.length}` });
    rows.push({ group: GROUP, name: "client-side navigation → next lesson's runner ready", value: median(nextLesson), unit: "ms", ...atMost(median(nextLesson), 100) });

    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${baseURL}${LESSON_1}`);
    await page.locator(".runner .runner-status").filter({ hasText: "Ready" }).first().waitFor({ timeout: 120_000 });
    await paste(page, "print(1 + 1)\n");
    const reruns: number[] = [];
    for (let i = 0; i < trials; i++) {
      const t0 = await page.evaluate(() => performance.now());
      await runAndWait(page, /Finished/);
      reruns.push((await page.evaluate(() => performance.now())) - t0);
    }
    rows.push({ group: GROUP, name: "rerun print(1+1) in a fresh namespace (click → done)", value: median(reruns), unit: "ms", ...atMost(median(reruns), 50), note: "includes Playwright's round trips" });

    await paste(page, "while True:\n    pass\n");
    const stops: number[] = [];
    let lost = 0;
    for (let i = 0; i < trials; i++) {
      const runner = page.locator(".runner").first();
      await runner.getByRole("button", { name: "Run" }).click();
      await runner.locator(".runner-status").filter({ hasText: "Running" }).waitFor();
      await page.waitForTimeout(200);
      const t0 = await page.evaluate(() => performance.now());
      await runner.getByRole("button", { name: "Stop" }).click();
      await runner.locator(".runner-status").filter({ hasText: /Interrupted|Stopped by force/ }).waitFor();
      stops.push((await page.evaluate(() => performance.now())) - t0);
      if (/Stopped by force/.test(await runner.locator(".runner-status").innerText())) lost += 1;
    }
    rows.push({ group: GROUP, name: "Stop → KeyboardInterrupt", value: median(stops), unit: "ms", ...atMost(median(stops), 100), note: `median of ${stops.length}` });
    rows.push({ group: GROUP, name: "interrupts that needed the 1 s kill", value: lost, unit: "count", ...atMost(lost, 0) });

    await page.evaluate(() => {
      (window as unknown as { __longest: number }).__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const w = window as unknown as { __longest: number };
          w.__longest = Math.max(w.__longest, e.duration);
        }
      }).observe({ type: "longtask", buffered: false });
    });
    await paste(page, "for i in range(1_000_000):\n    print(i)\n");
    const f0 = await page.evaluate(() => performance.now());
    await runAndWait(page, /Finished/, 300_000);
    const flood = (await page.evaluate(() => performance.now())) - f0;
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    rows.push({ group: GROUP, name: "10⁶ printed lines → done", value: flood, unit: "ms" });
    rows.push({ group: GROUP, name: "longest main-thread task during the flood", value: longest, unit: "ms", ...atMost(longest, 100) });
    await context.close();
  } finally {
    await browser.close();
  }
  return rows;
}

export const siteRuntime: BenchModule = {
  name: GROUP,
  needsSite: true,
  run: (ctx) => runtimeBench(ctx.baseURL!, ctx.trials),
};
