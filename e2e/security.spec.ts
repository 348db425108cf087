import { expect, test, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { e2eAuthSecret, e2eDb, signIn } from "./helpers";

const LESSON = "/learn/concurrency-and-parallelism/doing-several-things";

/** Every CSP violation the page reports, collected from the start of each document. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []);
}

function scriptSources(policy: string | undefined): string[] {
  return (policy ?? "").split(";").map((d) => d.trim().split(/\s+/)).find(([name]) => name === "script-src")?.slice(1) ?? [];
}

test.describe.configure({ timeout: 180_000 });

test("pages are served under a strict CSP, and the site works within it", async ({ page }) => {
  const violations = await watchViolations(page);
  for (const path of ["/", LESSON, "/sign-in", "/no-such-page"]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const policy = headers["content-security-policy"];
    expect(policy, path).toBeTruthy();
    const script = scriptSources(policy);
    expect(script, path).toContain("'self'");
    expect(script.filter((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === "*"), path).toEqual([]);
    expect(script.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha256-")), path).toBe(true);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
    expect(headers["cross-origin-embedder-policy"], path).toBe("require-corp");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    await expect(page.locator("h1").first()).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }

  // Two requests for a server-rendered page never share a nonce.
  const a = scriptSources((await page.request.get("/sign-in")).headers()["content-security-policy"]).find((s) => s.startsWith("'nonce-"));
  const b = scriptSources((await page.request.get("/sign-in")).headers()["content-security-policy"]).find((s) => s.startsWith("'nonce-"));
  expect(a).toBeTruthy();
  expect(a).not.toBe(b);

  // The lesson hydrates and runs Python (Monaco, the worker, the ticker) with no violation.
  await page.goto(LESSON);
  const runner = page.locator(".runner").first();
  await expect(runner.getByRole("status")).toHaveText(/Ready/, { timeout: 120_000 });
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/, { timeout: 60_000 });
  expect(await violations()).toEqual([]);

  // Script injected into the page (what an XSS would do) does not run. (eval is refused by the policy too, but
  // DevTools' own evaluation is exempt from CSP, so it cannot be shown from here; the header check above covers it.)
  const injected = await page
    .addScriptTag({ content: "window.injected = true" })
    .then(() => "added")
    .catch(() => "refused");
  expect(injected).toBe("refused");
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected === true)).toBe(false);
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
});

test("server-rendered pages for a signed-in user hydrate under the nonce", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "teacher@interleave.dev", "interleave-demo");
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // The session cookie cannot be read by scripts and is not sent on cross-site requests.
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  await page.goto("/teach");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/me");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("the progress API refuses forged, tampered and expired session cookies, and answers JSON with the site's headers", async ({ request }) => {
  const name = "authjs.session-token";
  const db = e2eDb();
  const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@interleave.dev" } });
  await db.$disconnect();
  const mint = (secret: string, maxAge?: number) => encode({ token: { sub: learner.id, role: "learner" }, secret, salt: name, ...(maxAge === undefined ? {} : { maxAge }) });
  const valid = await mint(e2eAuthSecret());
  const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
  const push = (token: string) => request.post("/api/progress", { headers: { cookie: `${name}=${token}` }, data: { cursor: null } });
  // The same token is refused however often it comes back (decoded tokens are remembered per token text).
  for (let round = 0; round < 2; round++) {
    for (const [what, token] of [
      ["another secret", await mint("not-the-servers-secret-not-the-servers-secret")],
      ["expired an hour ago", await mint(e2eAuthSecret(), -3600)],
      ["tampered header", flip(valid, 5)],
      ["tampered ciphertext", flip(valid, Math.floor(valid.length / 2))],
      ["not a token", "forged"],
    ] as const) {
      const refused = await push(token);
      expect(refused.status(), what).toBe(401);
      expect((await refused.json()).error, what).toMatch(/Sign in/);
      expect((await request.get("/api/progress", { headers: { cookie: `${name}=${token}` } })).status(), what).toBe(401);
    }
  }
  // The control: the untampered token is a session, answered as JSON with the headers of every response.
  const accepted = await push(valid);
  expect(accepted.status()).toBe(200);
  const headers = accepted.headers();
  expect(headers["content-type"]).toContain("application/json");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(typeof ((await accepted.json()) as { cursor: unknown }).cursor).toBe("number");
  // A session of an account that no longer exists is refused too.
  const ghost = await encode({ token: { sub: "no-such-user", role: "learner" }, secret: e2eAuthSecret(), salt: name });
  const gone = await request.post("/api/progress", { headers: { cookie: `${name}=${ghost}` }, data: { lessons: { "c/l": { firstOpenedAt: 1, lastOpenedAt: 1, position: 0, positionAt: 1, completedAt: null, secondsSpent: 0 } } } });
  expect(gone.status()).toBe(401);
});

test("the health endpoint reports a reachable, migrated database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = (await response.json()) as { status: string; database: { ok: boolean; migrations: { pending: string[] } } };
  expect(body.status).toBe("ok");
  expect(body.database.ok).toBe(true);
  expect(body.database.migrations.pending).toEqual([]);
});

test("posting straight to the credentials callback counts against the sign-in limit", async ({ page, request }) => {
  const email = `limit-${Date.now()}@example.test`;
  for (let i = 0; i < 5; i++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email, password: `wrong-password-${i}`, csrfToken, callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
  }
  // The form now refuses the account, even with a password that would be checked.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another-wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many failed sign-in attempts\. Try again in \d+ minutes/)).toBeVisible();
});
