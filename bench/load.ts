/**
 * Issues 11 and 18: the progress-save path (POST /api/progress, what every learner's browser calls) under 200
 * concurrent signed-in clients on loopback, against the production server.
 *
 * Each client is one learner's browser syncing by deltas: every save carries its cursor (from its last answer), a
 * lesson update, a draft and one exercise attempt with a fresh id; afterwards every acknowledged attempt id must be
 * in the database (0 missing). Throughput and latency percentiles come from autocannon. Configurations:
 *  - one instance on SQLite (the site bench/run.ts started): the targets 1,000 saves/s and p99 ≤ 50 ms;
 *  - one learner making 2,000 attempts on two devices (one syncing as it goes, one offline throughout and syncing
 *    at the end): how many attempts the account keeps, and whether every push was answered 2xx;
 *  - a throwaway PostgreSQL cluster with one instance, then two instances with the clients spread over both
 *    (scale out: two instances should give ≥ 1.6× one).
 * LOAD_CLIENTS, LOAD_SECONDS and LOAD_SKIP_POSTGRES=1 change what runs.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { createDb } from "../lib/db/client";
import { postgresAvailable, startPgCluster } from "../scripts/lib/pg-cluster";
import { atLeast, atMost, BENCH_AUTH_SECRET, type BenchModule, type Row } from "./lib";
import { migrate, startSite, type Site } from "./site";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const LESSON = "concurrency-and-parallelism/doing-several-things";
const COOKIE = "authjs.session-token";

const load1 = () => os.loadavg()[0]!.toFixed(2);

async function seedLearners(databaseUrl: string, prefix: string, n: number): Promise<string[]> {
  const db = createDb(databaseUrl);
  try {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    await db.user.createMany({ data: ids.map((id) => ({ id, email: `${id}@bench.test`, name: id, role: "learner" })) });
    return ids;
  } finally {
    await db.$disconnect();
  }
}

/** What the sign-in would set: an Auth.js session cookie for the user (same secret and salt as the server). */
function sessionCookie(userId: string): Promise<string> {
  return encode({ token: { sub: userId, role: "learner", name: userId }, secret: BENCH_AUTH_SECRET, salt: COOKIE }).then((t) => `${COOKIE}=${t}`);
}

function save(cursor: number | null, attemptId: string, n: number): string {
  const now = Date.now();
  return JSON.stringify({
    cursor,
    lessons: { [LESSON]: { firstOpenedAt: now - 60_000, lastOpenedAt: now, position: (n % 100) / 100, positionAt: now, completedAt: null, secondsSpent: n } },
    drafts: { [`${LESSON}/example-1`]: { code: `print(${n})\n`, updatedAt: now } },
    attempts: [{ id: attemptId, exerciseId: `${LESSON}#load`, lessonId: LESSON, code: `print(${n})`, passed: n % 2 === 0, hintsUsed: 0, output: "", at: now }],
  });
}

interface LoadResult {
  acknowledged: string[];
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
}

/** `clients` browsers saving for SECONDS, spread evenly over the given servers (one autocannon per server). */
async function saveLoad(baseURLs: string[], cookies: string[], clients: number): Promise<LoadResult> {
  const acknowledged: string[] = [];
  let counter = 0;
  let nextCookie = 0;
  const runs = baseURLs.map((baseURL, i) => {
    const connections = Math.floor(clients / baseURLs.length) + (i < clients % baseURLs.length ? 1 : 0);
    return autocannon({
      url: `${baseURL}/api/progress`,
      connections,
      pipelining: 1,
      duration: SECONDS,
      timeout: 30,
      // Each connection is one learner with one save in flight; the id it sent is acknowledged by its 200.
      setupClient(client) {
        client.setHeaders({ cookie: cookies[nextCookie++ % cookies.length]!, "content-type": "application/json" });
      },
      requests: [
        {
          method: "POST",
          setupRequest(request, context) {
            const c = context as { id?: string; cursor?: number | null };
            c.id = randomUUID();
            return { ...request, body: save(c.cursor ?? null, c.id, counter++) };
          },
          onResponse(status, body, context) {
            const c = context as { id: string; cursor?: number | null };
            if (status !== 200) return;
            acknowledged.push(c.id);
            c.cursor = (JSON.parse(body) as { cursor: number }).cursor;
          },
        },
      ],
    });
  });
  const results = await Promise.all(runs);
  // Percentiles of two runs cannot be merged exactly; the worse of the two is reported.
  return {
    acknowledged,
    requests: results.reduce((s, r) => s + r.requests.total, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

async function missing(databaseUrl: string, acknowledged: string[]): Promise<number> {
  const db = createDb(databaseUrl);
  let stored = 0;
  try {
    for (let i = 0; i < acknowledged.length; i += 500) stored += await db.exerciseAttempt.count({ where: { id: { in: acknowledged.slice(i, i + 500) } } });
  } finally {
    await db.$disconnect();
  }
  return acknowledged.length - stored;
}

/**
 * One learner, two devices, 2,000 attempts: the laptop syncs after every tenth attempt; the phone is offline for
 * all its 1,000 and then sends them in pushes of at most 100, as the browser's store does.
 */
async function twoDevices(baseURL: string, databaseUrl: string): Promise<{ kept: number; pushes: number; non2xx: number; summary: number }> {
  const [userId] = await seedLearners(databaseUrl, "two-devices", 1);
  const cookie = await sessionCookie(userId!);
  let pushes = 0;
  let non2xx = 0;
  let summary = 0;
  const device = () => ({ cursor: null as number | null, unsent: [] as object[] });
  const send = async (d: ReturnType<typeof device>) => {
    while (d.unsent.length) {
      const batch = d.unsent.slice(0, 100);
      pushes += 1;
      const res = await fetch(`${baseURL}/api/progress`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ cursor: d.cursor, attempts: batch }) });
      if (!res.ok) {
        non2xx += 1;
        return;
      }
      const answer = (await res.json()) as { cursor: number; exercises: Record<string, { attempts: number }> };
      d.cursor = answer.cursor;
      summary = Math.max(summary, answer.exercises[`${LESSON}#two`]?.attempts ?? 0);
      d.unsent = d.unsent.slice(batch.length);
    }
  };
  const attempt = (n: number) => ({ id: randomUUID(), exerciseId: `${LESSON}#two`, lessonId: LESSON, code: `# attempt ${n}\nprint(${n})\n`, passed: n % 7 === 0, hintsUsed: n % 3, output: `${n}\n`, at: Date.now() });
  const laptop = device();
  const phone = device();
  for (let i = 0; i < 1000; i++) {
    laptop.unsent.push(attempt(i));
    phone.unsent.push(attempt(1000 + i));
    if (laptop.unsent.length === 10) await send(laptop);
  }
  await send(laptop);
  await send(phone);
  const db = createDb(databaseUrl);
  try {
    return { kept: await db.exerciseAttempt.count({ where: { userId: userId! } }), pushes, non2xx, summary };
  } finally {
    await db.$disconnect();
  }
}

function loadRows(label: string, suffix: string, r: LoadResult, lost: number, targets: boolean): Row[] {
  const perSecond = Math.round(r.acknowledged.length / SECONDS);
  const note = `${CLIENTS} clients, ${SECONDS} s, ${r.acknowledged.length} saves acknowledged, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ${label}; load average ${load1()}`;
  return [
    { group: "load", name: `progress saves per second (${CLIENTS} clients)${suffix}`, value: perSecond, unit: "count", ...(targets ? atLeast(perSecond, 1000) : {}), note },
    { group: "load", name: `progress save p50 latency${suffix}`, value: r.p50, unit: "ms" },
    { group: "load", name: `progress save p99 latency${suffix}`, value: r.p99, unit: "ms", ...(targets ? atMost(r.p99, 50) : {}) },
    { group: "load", name: `acknowledged saves missing from the database${suffix}`, value: lost, unit: "count", ...atMost(lost, 0) },
  ];
}

export const load: BenchModule = {
  name: "load",
  needsSite: true,
  async run({ baseURL, databaseUrl, log }) {
    const rows: Row[] = [];
    const cookies = await Promise.all((await seedLearners(databaseUrl!, "load-learner", CLIENTS)).map(sessionCookie));
    log(`load: ${CLIENTS} clients saving progress for ${SECONDS} s, one instance on SQLite (load average ${load1()})…`);
    const sqlite = await saveLoad([baseURL!], cookies, CLIENTS);
    rows.push(...loadRows("one instance on SQLite", "", sqlite, await missing(databaseUrl!, sqlite.acknowledged), true));

    log("load: one learner, 2,000 attempts on two devices…");
    const two = await twoDevices(baseURL!, databaseUrl!);
    rows.push({
      group: "load",
      name: "attempts kept for one learner after 2,000 attempts on two devices",
      value: two.kept,
      unit: "count",
      target: "= 2000, every push 2xx",
      pass: two.kept === 2000 && two.non2xx === 0,
      note: `${two.pushes} pushes, ${two.non2xx} answered other than 2xx; the devices' summary counts ${two.summary} attempts`,
    });

    if (process.env.LOAD_SKIP_POSTGRES === "1" || !postgresAvailable()) {
      log("load: skipped the PostgreSQL configurations (LOAD_SKIP_POSTGRES=1 or no PostgreSQL binaries).");
      return rows;
    }
    const cluster = await startPgCluster("interleave_bench");
    const sites: Site[] = [];
    try {
      await migrate(cluster.url);
      const pgCookies = await Promise.all((await seedLearners(cluster.url, "pg-learner", CLIENTS)).map(sessionCookie));
      sites.push(await startSite(cluster.url));
      log(`load: one instance on PostgreSQL (load average ${load1()})…`);
      const one = await saveLoad([sites[0]!.baseURL], pgCookies, CLIENTS);
      rows.push(...loadRows("one instance on PostgreSQL", ", one instance on PostgreSQL", one, await missing(cluster.url, one.acknowledged), false));
      sites.push(await startSite(cluster.url));
      log(`load: two instances on PostgreSQL (load average ${load1()})…`);
      const both = await saveLoad(
        sites.map((s) => s.baseURL),
        pgCookies,
        CLIENTS,
      );
      rows.push(...loadRows("two instances on one PostgreSQL, clients spread over both", ", two instances on PostgreSQL", both, await missing(cluster.url, both.acknowledged), false));
      const ratio = Math.round((both.acknowledged.length / Math.max(1, one.acknowledged.length)) * 100) / 100;
      rows.push({ group: "load", name: "two instances / one instance on PostgreSQL, saves per second", value: ratio, unit: "x", ...atLeast(ratio, 1.6), note: `${both.acknowledged.length} vs ${one.acknowledged.length} saves in ${SECONDS} s` });
    } finally {
      for (const s of sites) s.stop();
      cluster.stop();
    }
    return rows;
  },
};
