import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test as base, type Locator, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createDb } from "@/lib/db/client";

/** The e2e server's throwaway database (written by scripts/e2e-server.mjs), for checking what was stored. */
export function e2eDb() {
  const info = JSON.parse(fs.readFileSync(path.join(os.tmpdir(), `interleave-e2e-${process.env.E2E_PORT}.json`), "utf8")) as { databaseUrl: string };
  return createDb(info.databaseUrl);
}

/** The e2e server's own copy of content/ (scripts/e2e-server.mjs), which specs may edit. */
export function e2eContentDir(): string {
  return (JSON.parse(fs.readFileSync(path.join(os.tmpdir(), `interleave-e2e-${process.env.E2E_PORT}.json`), "utf8")) as { contentDir: string }).contentDir;
}

/** The e2e server's AUTH_SECRET (a throwaway one, scripts/e2e-server.mjs), for minting session tokens in specs. */
export function e2eAuthSecret(): string {
  return (JSON.parse(fs.readFileSync(path.join(os.tmpdir(), `interleave-e2e-${process.env.E2E_PORT}.json`), "utf8")) as { authSecret: string }).authSecret;
}

export function uniqueEmail(tag: string) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signUp(page: Page, { name, email, password = "a-long-enough-passphrase" }: { name: string; email: string; password?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}!`);
}

const SESSION_COOKIE = "authjs.session-token";

/**
 * Signs `page`'s browser context in as the account with `email` by writing its session, as Auth.js does after a
 * password sign-in: a JWT session cookie minted with the e2e server's secret (sessions are JWTs, lib/auth.ts). With
 * `create`, the account is made first (no password: it signs in only this way). The sign-in form itself is tested
 * through the UI in accounts.spec.ts and security.spec.ts.
 */
export async function signInAs(page: Page, email: string, create?: { name: string; role?: "learner" | "teacher" | "author" | "admin" }) {
  const db = e2eDb();
  try {
    const user = create
      ? await db.user.create({ data: { email, name: create.name, role: create.role ?? "learner" } })
      : await db.user.findUniqueOrThrow({ where: { email } });
    const value = await encode({ token: { sub: user.id, role: user.role, name: user.name, email: user.email }, secret: e2eAuthSecret(), salt: SESSION_COOKIE });
    await page.context().addCookies([{ name: SESSION_COOKIE, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  } finally {
    await db.$disconnect();
  }
}

/** Signs in through the sign-in form (for the tests of that form; other specs use signInAs). */
export async function signIn(page: Page, email: string, password = "a-long-enough-passphrase") {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A runner's status line says Python is up (or the last run ended): the first run may take a cold start. */
export async function ready(runner: Locator) {
  await expect(runner.getByRole("status")).toHaveText(/Ready|Finished|Exception|Interrupted/, { timeout: 120_000 });
}

/** Opens `url` and waits until its first runner is ready; returns that runner. */
export async function firstRunner(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const runner = page.locator(".runner").first();
  await ready(runner);
  return runner;
}

/** Puts `code` in the runner's editor as a learner would (see typeCode) and presses Run. */
export async function runCode(page: Page, runner: Locator, code: string) {
  await typeCode(page, runner, code);
  await runner.getByRole("button", { name: "Run" }).click();
}

/** Replace the code in `box`'s Monaco editor as a learner would: select all, paste (typing would be auto-indented). */
export async function typeCode(page: Page, box: Locator, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await box.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(box.locator(".monaco-editor .view-lines")).toContainText(code.split("\n")[0]!.trim().slice(0, 20));
}

/** Playwright's `test` with a `signInAs` fixture: `signInAs(email)` signs the test's page in (see signInAs above). */
export const test = base.extend<{ signInAs: (email: string, create?: Parameters<typeof signInAs>[2]) => Promise<void> }>({
  signInAs: async ({ page }, provide) => {
    await provide((email, create) => signInAs(page, email, create));
  },
});
/**
 * Every date on the page is written one way (issue 21, item 7): each <time> says its datetime through Intl in the
 * reader's locale (a medium date, with the time of day where it has one), and no other date format shows.
 */
export async function expectOneDateFormat(page: Page, atLeast = 1) {
  await expect.poll(() => page.locator("main time").count()).toBeGreaterThanOrEqual(atLeast);
  const mismatches = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLTimeElement>("main time")]
      .map((t) => {
        const options: Intl.DateTimeFormatOptions = t.dataset.style === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
        const expected = new Intl.DateTimeFormat(undefined, options).format(new Date(t.dateTime));
        return t.textContent === expected ? null : `${t.dateTime}: "${t.textContent}" instead of "${expected}"`;
      })
      .filter(Boolean),
  );
  expect(mismatches).toEqual([]);
  // Dates written some other way (12/2/2026, 2026-11-30, "Mon 30 Nov, 06:52").
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2},/);
}
