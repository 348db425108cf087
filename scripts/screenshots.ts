/**
 * Screenshots of the pages a newcomer sees, at desktop and phone widths, light and dark, for README.md (docs/) and
 * for looking at the pages after a change: `npx tsx scripts/screenshots.ts http://127.0.0.1:3000 out-dir [--readme]
 * [--only=lesson,processes]`
 * against a running server with the demo accounts seeded (npm start, or scripts/e2e-server.mjs). Run it under the
 * shared browser lock on a shared machine.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../lib/python/harness/chromium";

const [baseURL = "http://127.0.0.1:3000", outDir = "screenshots", ...flags] = process.argv.slice(2);
const readme = flags.includes("--readme");
/** `--only=lesson,processes`: just those pages. */
const only = flags.find((f) => f.startsWith("--only="))?.slice("--only=".length).split(",");
const DEMO_PASSWORD = "interleave-demo";

const sizes = { desktop: { width: 1440, height: 1000 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof sizes;
type Scheme = "light" | "dark";

interface Shot {
  name: string;
  /** Prepares the page (navigates, runs code); the screenshot follows. */
  go: (page: Page) => Promise<void>;
  as?: "teacher" | "author";
  fullPage?: boolean;
}

async function runFirst(page: Page, title: string) {
  const runner = page.getByRole("region", { name: `Code example: ${title}` });
  await runner.scrollIntoViewIfNeeded();
  await runner.getByRole("status").first().waitFor();
  await page.waitForFunction((t) => /Ready/.test(document.querySelector(`[aria-label="Code example: ${t}"] .runner-status-text`)?.textContent ?? ""), title, { timeout: 120_000 });
  await runner.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction((t) => /Finished|Exception/.test(document.querySelector(`[aria-label="Code example: ${t}"] .runner-status-text`)?.textContent ?? ""), title, { timeout: 120_000 });
  return runner;
}

const shots: Shot[] = [
  { name: "home", go: (p) => p.goto("/").then(() => undefined) },
  {
    name: "lesson",
    go: async (p) => {
      await p.goto("/learn/concurrency-and-parallelism/doing-several-things");
      const runner = await runFirst(p, "A tiny round-robin scheduler");
      await runner.evaluate((el) => el.scrollIntoView({ block: "start" }));
      await p.evaluate(() => window.scrollBy(0, -90));
    },
  },
  {
    name: "processes",
    go: async (p) => {
      await p.goto("/learn/multiprocessing/pools-of-processes");
      const runner = await runFirst(p, "map, imap_unordered and apply_async");
      await runner.locator(".process-timeline").scrollIntoViewIfNeeded();
    },
  },
  {
    name: "step",
    go: async (p) => {
      await p.goto("/learn/shared-state/race-conditions");
      const runner = p.getByRole("region", { name: "Code example: Two threads, you schedule them" });
      await runner.scrollIntoViewIfNeeded();
      await p.waitForFunction(() => /Ready/.test(document.querySelector('[aria-label="Code example: Two threads, you schedule them"] .runner-status-text')?.textContent ?? ""), undefined, { timeout: 120_000 });
      await runner.getByRole("button", { name: "Step", exact: true }).click();
      await runner.locator(".step-panel").waitFor({ timeout: 60_000 });
      for (let i = 0; i < 12; i++) {
        const next = runner.getByRole("button", { name: "Next choice" });
        if (!(await next.isEnabled().catch(() => false))) break;
        await next.click();
        await p.waitForTimeout(250);
      }
      await runner.locator(".step-panel").scrollIntoViewIfNeeded();
    },
  },
  {
    name: "teach-grid",
    as: "teacher",
    go: async (p) => {
      await p.goto("/teach");
      await p.getByRole("link", { name: "Concurrency 101" }).click();
      await p.getByTestId("progress-grid").waitFor();
    },
  },
  { name: "me", as: "teacher", go: (p) => p.goto("/me").then(() => undefined) },
  { name: "author", as: "author", go: (p) => p.goto("/author").then(() => undefined) },
];

async function signedIn(browser: Browser, size: Size, scheme: Scheme, as?: "teacher" | "author") {
  const context = await browser.newContext({ baseURL, viewport: sizes[size], colorScheme: scheme, serviceWorkers: "block", deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (as) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(`${as}@interleave.dev`);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/me|\/$/);
  }
  return { context, page };
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    for (const size of Object.keys(sizes) as Size[]) {
      for (const scheme of ["light", "dark"] as Scheme[]) {
        for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
          const { context, page } = await signedIn(browser, size, scheme, shot.as);
          try {
            await shot.go(page);
            await page.waitForTimeout(300);
            const file = path.join(outDir, `${shot.name}-${size}-${scheme}.png`);
            await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
            console.log(file);
          } catch (err) {
            console.error(`${shot.name} ${size} ${scheme}: ${(err as Error).message.split("\n")[0]}`);
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (readme) {
    for (const [from, to] of [
      ["lesson-desktop-light", "screenshot-lesson"],
      ["lesson-phone-dark", "screenshot-lesson-phone-dark"],
      ["teach-grid-desktop-light", "screenshot-teach"],
      ["processes-desktop-dark", "screenshot-processes"],
    ]) {
      const file = path.join(outDir, `${from}.png`);
      if (fs.existsSync(file)) fs.copyFileSync(file, path.join("docs", `${to}.png`));
    }
  }
}

await main();
