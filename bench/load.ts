/**
 * Issues 11 and 18: the progress-save path (POST /api/progress, what every learner's browser calls) under 200
 * concurrent signed-in clients on loopback, against the production server.
 *
 * Each client is one learner's browser syncing by deltas: every save carries its cursor (from its last answer), a
 * lesson update, a draft and one exercise attempt with a fresh id; afterwards every acknowledged attempt id must be
 * in the database (0 missing). Throughput and latency percentiles at saturation come from autocannon (each client
 * sends its next save when the last is answered). Configurations:
 *  - one instance on SQLite (the site bench/run.ts started): the target 1,000 saves/s at saturation, then the same
 *    200 clients paced to 1,000 saves/s in all for the target p99 ≤ 50 ms at that rate (at saturation the mean
 *    latency is 200 clients / throughput, so p99 ≤ 50 ms there would take 4,000 saves/s), and paced to 250 saves/s,
 *    about the most 200 browsers send (their store pushes 800 ms after the last change); with the same server's floor (a static
 *    file, a push without a session) for proportion;
 *  - one learner making 2,000 attempts on two devices (one syncing as it goes, one offline throughout and syncing
 *    at the end): how many attempts the account keeps, and whether every push was answered 2xx;
 *  - a throwaway PostgreSQL cluster with one instance, then two instances with the clients spread over both
 *    (scale out: two instances should give ≥ 1.6× one).
 * LOAD_CLIENTS, LOAD_SECONDS, LOAD_RATE and LOAD_SKIP_POSTGRES=1 change what runs.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { createDb } from "../lib/db/client";
import { postgresAvailable, startPgCluster } from "../scripts/lib/pg-cluster";
import { atLeast, atMost, BENCH_AUTH_SECRET, type BenchModule, type Row } from "./lib";
import { migrate, startSite, type Site } from "./site";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
/** Saves per second offered by the paced run (the target rate). */
const RATE = Number(process.env.LOAD_RATE ?? 1000);
/** About the most CLIENTS real browsers send: the progress store pushes 800 ms after the last change (PUSH_DELAY_MS). */
const BROWSER_RATE = Math.round(CLIENTS / 0.8);
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
  /** Saves sent with the cursor of the device's previous answer (all but each device's first). */
  withCursor: number;
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
  let withCursor = 0;
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
      // Each connection is one learner's browser with one save in flight; the id it sent is acknowledged by its 200,
      // and its next save carries the cursor of that answer. The state lives in the connection's own request:
      // autocannon resets a request's `context` each time it comes round, which would send every save without its
      // cursor (a device that knows nothing of the account, answered with a full pull).
      setupClient(client) {
        const cookie = cookies[nextCookie++ % cookies.length]!;
        const device = { cursor: null as number | null, id: "" };
        client.setRequests([
          {
            method: "POST",
            headers: { cookie, "content-type": "application/json" },
            setupRequest(request) {
              device.id = randomUUID();
              if (device.cursor !== null) withCursor += 1;
              return { ...request, body: save(device.cursor, device.id, counter++) };
            },
            onResponse(status, body) {
              if (status !== 200) return;
              acknowledged.push(device.id);
              device.cursor = (JSON.parse(body) as { cursor: number }).cursor;
            },
          },
        ]);
      },
    });
  });
  const results = await Promise.all(runs);
  // Percentiles of two runs cannot be merged exactly; the worse of the two is reported.
  return {
    acknowledged,
    withCursor,
    requests: results.reduce((s, r) => s + r.requests.total, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

/**
 * The same 200 browsers, each saving every CLIENTS/RATE seconds (5 a second each: 1,000 saves/s in all, four times
 * what the store's 800 ms debounce lets a real browser send), after one sync each as a page load does, their first
 * saves spread over one period. Latency runs
 * from when a save was due, so a server that falls behind is charged for the wait (no coordinated omission).
 * autocannon's own rate limit is not used: it sends each connection's quota back to back at the start of every
 * second, a burst of all 1,000 saves at once.
 */
async function pacedLoad(baseURL: string, cookies: string[], rate: number): Promise<LoadResult & { offered: number; unsent: number }> {
  const url = new URL("/api/progress", baseURL);
  const period = (cookies.length / rate) * 1000;
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  let withCursor = 0;
  let unsent = 0;
  let counter = 0;
  const post = (agent: http.Agent, cookie: string, body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: "POST", agent, headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.end(body);
    });
  // Each browser first syncs as a page load does (a pull from no cursor, on a fresh connection); the paced saves that
  // follow are the steady state the rows are about.
  const devices = await Promise.all(
    cookies.map(async (cookie) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const res = await post(agent, cookie, JSON.stringify({ cursor: null }));
      if (res.status !== 200) throw new Error(`the first sync was answered ${res.status}: ${res.body.slice(0, 200)}`);
      return { cookie, agent, cursor: (JSON.parse(res.body) as { cursor: number }).cursor as number | null };
    }),
  );
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    devices.map(async ({ cookie, agent, cursor: first }, i) => {
      let cursor = first;
      let due = start + (period * i) / devices.length;
      try {
        for (; due < end; due += period) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (performance.now() >= end) {
            // Behind schedule at the end: the saves still due were never answered. Each counts with the time it has
            // waited so far (a lower bound), so falling behind cannot hide in the percentiles.
            for (; due < end; due += period) {
              unsent += 1;
              latencies.push(performance.now() - due);
            }
            break;
          }
          const id = randomUUID();
          if (cursor !== null) withCursor += 1;
          requests += 1;
          try {
            const res = await post(agent, cookie, save(cursor, id, counter++));
            latencies.push(performance.now() - due);
            if (res.status !== 200) {
              non2xx += 1;
              continue;
            }
            acknowledged.push(id);
            cursor = (JSON.parse(res.body) as { cursor: number }).cursor;
          } catch {
            errors += 1;
            latencies.push(performance.now() - due);
          }
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN);
  return { acknowledged, withCursor, requests, non2xx, errors, timeouts: 0, p50: at(0.5), p99: at(0.99), offered: rate, unsent };
}

/**
 * What the same server answers per second in the same minute when a request does no work of ours: a static file
 * (Next's file serving) and a push without a session (the whole route-handler path, answered 401 before any database
 * work). The machine's speed varies with the other jobs on it; these put the save figures in proportion.
 */
async function referenceLoad(baseURL: string, kind: "static" | "unauthenticated"): Promise<number> {
  const r = await autocannon({
    url: kind === "static" ? `${baseURL}/icon.svg` : `${baseURL}/api/progress`,
    connections: CLIENTS,
    pipelining: 1,
    duration: SECONDS,
    timeout: 30,
    ...(kind === "static" ? {} : { method: "POST" as const, headers: { "content-type": "application/json" }, body: JSON.stringify({ cursor: null }) }),
  });
  const expected = kind === "static" ? r["2xx"] : r.non2xx;
  return Math.round(expected / SECONDS);
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

function loadRows(label: string, suffix: string, r: LoadResult, lost: number, targets: boolean, pacedRuns: Awaited<ReturnType<typeof pacedLoad>>[] = []): Row[] {
  const perSecond = Math.round(r.acknowledged.length / SECONDS);
  const note = `${CLIENTS} clients, ${SECONDS} s, ${r.acknowledged.length} saves acknowledged (${r.withCursor} sent with the device's cursor), ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ${label}; load average ${load1()}`;
  // Each client sends its next save as soon as the last is answered, so the mean latency is clients / throughput
  // (Little's law): at saturation, p99 ≤ 50 ms would take 4,000 saves/s. The paced rows measure latency at the rate.
  const saturated = `at saturation: mean latency = ${CLIENTS} clients / saves per second`;
  const rows: Row[] = [
    { group: "load", name: `progress saves per second (${CLIENTS} clients)${suffix}`, value: perSecond, unit: "count", ...(targets ? atLeast(perSecond, 1000) : {}), note },
    { group: "load", name: `progress save p50 latency${suffix}`, value: r.p50, unit: "ms", note: saturated },
    { group: "load", name: `progress save p99 latency${suffix}`, value: r.p99, unit: "ms", ...(targets ? atMost(r.p99, 50) : {}), note: saturated },
  ];
  for (const paced of pacedRuns) {
    const answered = Math.round(paced.acknowledged.length / SECONDS);
    const pacedNote = `${CLIENTS} clients each saving every ${Math.round((CLIENTS / paced.offered) * 1000)} ms for ${SECONDS} s: ${answered} saves/s acknowledged (${paced.withCursor} with the device's cursor), ${paced.unsent} still due at the end, ${paced.non2xx} non-2xx, ${paced.errors} errors; latency from when each save was due; ${label}; load average ${load1()}`;
    const kept = paced.unsent === 0 && paced.non2xx === 0 && paced.errors === 0;
    rows.push(
      { group: "load", name: `progress save p50 latency at ${paced.offered.toLocaleString("en-US")} saves/s offered${suffix}`, value: paced.p50, unit: "ms", note: pacedNote },
      {
        group: "load",
        name: `progress save p99 latency at ${paced.offered.toLocaleString("en-US")} saves/s offered${suffix}`,
        value: paced.p99,
        unit: "ms",
        // The target is for the target rate; slower rates are for reference.
        ...(paced.offered >= 1000 ? { target: "≤ 50, all saves answered", pass: paced.p99 <= 50 && kept } : {}),
        note: pacedNote,
      },
    );
  }
  const checked = r.acknowledged.length + pacedRuns.reduce((n, p) => n + p.acknowledged.length, 0);
  rows.push({ group: "load", name: `acknowledged saves missing from the database${suffix}`, value: lost, unit: "count", ...atMost(lost, 0), note: `every one of the ${checked} acknowledged saves looked up` });
  return rows;
}

export const load: BenchModule = {
  name: "load",
  needsSite: true,
  async run({ baseURL, databaseUrl, log }) {
    const rows: Row[] = [];
    const cookies = await Promise.all((await seedLearners(databaseUrl!, "load-learner", CLIENTS)).map(sessionCookie));
    log(`load: ${CLIENTS} clients saving progress for ${SECONDS} s, one instance on SQLite (load average ${load1()})…`);
    const sqlite = await saveLoad([baseURL!], cookies, CLIENTS);
    log(`load: the same server's floor: a static file, and pushes without a session (load average ${load1()})…`);
    const staticPerSecond = await referenceLoad(baseURL!, "static");
    const refusedPerSecond = await referenceLoad(baseURL!, "unauthenticated");
    log(`load: the same clients offering ${RATE} saves/s in all (load average ${load1()})…`);
    const paced = [await pacedLoad(baseURL!, cookies, RATE)];
    log(`load: the same clients at ${BROWSER_RATE} saves/s, about the most ${CLIENTS} browsers send (load average ${load1()})…`);
    paced.push(await pacedLoad(baseURL!, cookies, BROWSER_RATE));
    const lost = await missing(databaseUrl!, [...sqlite.acknowledged, ...paced.flatMap((p) => p.acknowledged)]);
    rows.push(...loadRows("one instance on SQLite", "", sqlite, lost, true, paced));
    const floorNote = `same server, ${CLIENTS} clients, ${SECONDS} s, right after the saves; load average ${load1()}`;
    rows.push(
      { group: "load", name: `reference: static file requests per second (${CLIENTS} clients)`, value: staticPerSecond, unit: "count", note: floorNote },
      { group: "load", name: `reference: progress pushes without a session (401) per second (${CLIENTS} clients)`, value: refusedPerSecond, unit: "count", note: floorNote },
    );

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
