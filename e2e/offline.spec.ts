import { expect, test } from "@playwright/test";
import { e2eDb, signInAs, uniqueEmail } from "./helpers";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";
const LESSON_2 = "/learn/concurrency-and-parallelism/waiting-versus-working";

// This spec is the one that lets the service worker run (playwright.config blocks it elsewhere).
test.use({ serviceWorkers: "allow" });
test.describe.configure({ timeout: 300_000 });

test("after a first visit the course works offline, and progress made offline syncs when the network returns", async ({ page, context }) => {
  const email = uniqueEmail("offline");
  await signInAs(page, email, { name: "Olly" });
  await page.goto("/");
  // The service worker stores the course a moment after load; the footer says when it is done.
  await expect(page.locator("[data-offline-ready]")).toHaveText(/works offline/, { timeout: 180_000 });
  // One memory snapshot is stored (6 MB): the flavour this browser restores, Chromium's with stack switching.
  const stored = await page.evaluate(async () => {
    const found: string[] = [];
    // The service worker's caches only: the Python worker keeps the snapshot unpacked in a cache of its own.
    for (const name of (await caches.keys()).filter((n) => n.startsWith("interleave-offline-"))) {
      for (const request of await (await caches.open(name)).keys()) if (/\/runtime\/snapshot-/.test(request.url)) found.push(new URL(request.url).pathname);
    }
    const manifest = (await (await fetch("/api/offline-manifest")).json()) as { snapshots: { jspi: string | null } };
    return { found, jspi: manifest.snapshots.jspi };
  });
  expect(stored.jspi).toMatch(/^\/runtime\/snapshot-[0-9a-f]{16}\.bin$/);
  expect(stored.found).toEqual([stored.jspi]);

  await context.setOffline(true);
  // A lesson never opened while online: page, editor and Python all come from the service worker's cache.
  await page.goto(LESSON_2);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/You are offline/)).toBeVisible();
  const runner = page.locator(".runner").first();
  await expect(runner.getByRole("status")).toHaveText(/Ready/, { timeout: 120_000 });
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("status")).toHaveText(/Finished|Exception/, { timeout: 60_000 });
  await expect(runner.getByRole("log")).not.toBeEmpty();

  // Client-side navigation offline falls back to the cached page.
  await page.goto("/");
  await page.getByRole("link", { name: /Doing several things at once/ }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON_1}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Progress made offline waits on this device…
  await page.getByRole("button", { name: "Mark lesson as complete" }).click();
  await expect(page.getByText(/Completed on/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Offline: saved on this device" })).toBeVisible({ timeout: 30_000 });

  // …and reaches the account once the network is back.
  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "Saved to your account." })).toBeVisible({ timeout: 60_000 });
  const db = e2eDb();
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const row = await db.lessonProgress.findUnique({ where: { userId_lessonId: { userId: user.id, lessonId: "concurrency-and-parallelism/doing-several-things" } } });
    expect(row?.completedAt).not.toBeNull();
  } finally {
    await db.$disconnect();
  }
});
