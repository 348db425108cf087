import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./lib/python/harness/chromium";

// Chosen once in the main process; test workers inherit it through the environment.
process.env.E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
const port = Number(process.env.E2E_PORT);
export const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium; Playwright's own browser download is not possible on these machines. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
};

export default defineConfig({
  testDir: "e2e",
  // e2e/browsers is the Firefox/WebKit smoke suite, run by vitest (vitest.browsers.config.ts), not Playwright.
  testIgnore: /[\\/]e2e[\\/]browsers[\\/]/,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Generous: a cold interpreter on a busy 2-core machine can take 20 s before the first run.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: chromiumLaunch,
    trace: "retain-on-failure",
    // The offline service worker would precache the whole course in every fresh context; only e2e/offline.spec.ts
    // lets it run.
    serviceWorkers: "block",
  },
  webServer: {
    // A production server on a fresh throwaway database (never prisma/dev.db).
    command: `node scripts/e2e-server.mjs ${port}`,
    url: `${baseURL}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
