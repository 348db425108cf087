import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { test } from "./helpers";

/**
 * Random and malformed input to every route handler and every server action, anonymous and signed in: nothing may
 * answer with a 5xx. The seed is printed; FUZZ_SEED=<n> replays a run exactly.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 12);

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const STRINGS = ["", " ", "a", "é🧵\u0000", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "x".repeat(5000), "null", "-1", "1e309", "__proto__", "constructor"];

function value(r: Rand, depth = 0): unknown {
  const kind = Math.floor(r() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(r, [0, -1, 1.5, 2 ** 53, -(2 ** 63), Number.MAX_VALUE, 1e-300]);
    case 3: case 4: return pick(r, STRINGS);
    case 5: return new Date(Math.floor(r() * 4e12)).toISOString();
    case 6: return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth + 1));
    default: {
      const keys = ["lessons", "exercises", "drafts", "runners", "id", "userId", "classId", "code", "completed", "updatedAt", "attempts", "__proto__", "email", "password", "name", "role", pick(r, STRINGS)];
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [pick(r, keys), value(r, depth + 1)]));
    }
  }
}

interface Body {
  data?: string | Buffer;
  contentType?: string;
  form?: Record<string, string>;
}

function body(r: Rand): Body {
  switch (Math.floor(r() * 8)) {
    case 0: return { data: JSON.stringify(value(r)), contentType: "application/json" };
    case 1: return { data: JSON.stringify(value(r)).slice(0, Math.floor(r() * 20)), contentType: "application/json" };
    case 2: return { data: Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))), contentType: pick(r, ["application/octet-stream", "application/json", "text/plain"]) };
    case 3: return { data: "", contentType: pick(r, ["application/json", "text/plain", "multipart/form-data; boundary=x"]) };
    case 4: return { data: JSON.stringify({ lessons: "x".repeat(3_000_000) }), contentType: "application/json" };
    case 5: return { form: Object.fromEntries(Array.from({ length: 4 }, () => [pick(r, ["email", "password", "name", "id", "code", "classId", "lessonId", "dueAt", "role", "title", "x"]), String(pick(r, STRINGS))])) };
    case 6: return { data: JSON.stringify(Array.from({ length: Math.floor(r() * 4) }, () => value(r))), contentType: "text/plain;charset=UTF-8" };
    default: return { data: "--x\r\nContent-Disposition: form-data; name=\"1\"\r\n\r\n" + String(pick(r, STRINGS)) + "\r\n--x--\r\n", contentType: "multipart/form-data; boundary=x" };
  }
}

/** Action ids from the build, with the pages that can run them. */
function serverActions(): { id: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page = "/" + worker.replace(/^app\//, "").replace(/\/page$|^page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).map((s) => (s.startsWith("[") ? "x" : s)).join("/");
    return { id, page: page.replace(/\/+$/, "") || "/" };
  });
}

const ROUTES: { method: string; path: (r: Rand) => string }[] = [
  { method: "GET", path: () => "/api/health" },
  { method: "GET", path: () => "/api/progress" },
  { method: "POST", path: () => "/api/progress" },
  { method: "GET", path: (r) => `/api/me/assignments?${pick(r, ["", "x=1", "classId=" + encodeURIComponent(pick(r, STRINGS))])}` },
  { method: "GET", path: () => "/api/dev/content-events" },
  ...["export", "version", "cell", "grid"].map((leaf) => ({
    method: "GET",
    path: (r: Rand) => `/api/teach/classes/${encodeURIComponent(pick(r, [...STRINGS.filter(Boolean), "demo", "1"]))}/${leaf}?${pick(r, ["", "learner=" + encodeURIComponent(pick(r, STRINGS)), "lesson=" + encodeURIComponent(pick(r, STRINGS)) + "&learner=1", "format=" + pick(r, STRINGS)])}`,
  })),
  { method: "GET", path: (r) => `/api/auth/${pick(r, ["session", "csrf", "providers", "signin", "signout", "callback/credentials", "error", encodeURIComponent(pick(r, STRINGS))])}` },
  { method: "POST", path: (r) => `/api/auth/${pick(r, ["callback/credentials", "signin/credentials", "signout", "session", "x"])}` },
  { method: pick(prng(SEED), ["PUT", "DELETE", "PATCH"]), path: () => "/api/progress" },
  // LTI endpoints: an LMS (or anyone) may send them anything.
  { method: "GET", path: (r) => `/lti/login?${pick(r, ["", "iss=" + encodeURIComponent(pick(r, STRINGS)), "iss=https://x.example&login_hint=1&target_link_uri=" + encodeURIComponent(pick(r, STRINGS))])}` },
  { method: "POST", path: () => "/lti/login" },
  { method: "POST", path: () => "/lti/launch" },
  { method: "GET", path: () => "/lti/jwks" },
  { method: "GET", path: () => "/lti/canvas.json" },
  { method: "GET", path: (r) => `/lti/open/${encodeURIComponent(pick(r, [...STRINGS.filter(Boolean), "A".repeat(43)]))}` },
  { method: "POST", path: (r) => `/lti/deep-link/${encodeURIComponent(pick(r, [...STRINGS.filter(Boolean), "A".repeat(43)]))}` },
];

async function fuzz(request: APIRequestContext, who: string): Promise<string[]> {
  const r = prng(SEED ^ who.length);
  const failures: string[] = [];
  const check = async (label: string, send: () => Promise<{ status(): number; text(): Promise<string> }>) => {
    try {
      const response = await send();
      if (response.status() >= 500) failures.push(`${who}: ${label} → ${response.status()} ${(await response.text()).slice(0, 200)}`);
    } catch (err) {
      failures.push(`${who}: ${label} → no answer (${(err as Error).message.split("\n")[0]})`);
    }
  };
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(5);
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of ROUTES) {
      const url = route.path(r);
      const b = route.method === "GET" ? {} : body(r);
      const sample = b.form ? `form ${JSON.stringify(b.form).slice(0, 80)}` : `${b.contentType ?? ""} ${String(b.data ?? "").slice(0, 80)}`;
      await check(`${route.method} ${url} ${sample}`, () =>
        request.fetch(url, { method: route.method, headers: b.contentType ? { "content-type": b.contentType } : {}, data: b.data, form: b.form, maxRedirects: 0 }),
      );
    }
    for (const action of [...actions, { id: "0".repeat(42), page: "/" }, { id: pick(r, STRINGS.filter((s) => /^[\x20-\x7e]+$/.test(s))).slice(0, 60), page: "/sign-in" }]) {
      const b = body(r);
      const sample = b.form ? `form ${JSON.stringify(b.form).slice(0, 80)}` : `${b.contentType ?? ""} ${String(b.data ?? "").slice(0, 80)}`;
      await check(`action ${action.id} on ${action.page} ${sample}`, () =>
        request.fetch(action.page, {
          method: "POST",
          headers: { "next-action": action.id, accept: "text/x-component", ...(b.contentType ? { "content-type": b.contentType } : {}) },
          data: b.data,
          form: b.form,
          maxRedirects: 0,
        }),
      );
    }
  }
  return failures;
}

test.describe.configure({ timeout: 300_000 });

test("random and malformed input to every route handler and server action never gets a 5xx", async ({ page, request, signInAs }) => {
  test.info().annotations.push({ type: "seed", description: `FUZZ_SEED=${SEED}` });
  console.log(`fuzz: FUZZ_SEED=${SEED}, ${ROUNDS} rounds`);
  const failures = await fuzz(request, "anonymous");
  await signInAs("learner@interleave.dev");
  failures.push(...(await fuzz(page.request, "learner")));
  await page.context().clearCookies();
  await signInAs("teacher@interleave.dev");
  failures.push(...(await fuzz(page.request, "teacher")));
  expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
});
