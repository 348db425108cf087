/**
 * Issues 11 and 18: the progress-save path (POST /api/progress, what every learner's browser calls) under 200
 * concurrent signed-in clients on loopback, against the production server.
 *
 * Each client is one learner's browser syncing by deltas: every save carries its cursor (from its last answer), a
 * lesson update, a draft and one exercise attempt with a fresh id; afterwards every acknowledged attempt id must be
 * in the database (0 missing). Configurations:
 *  - one instance on SQLite (the site bench/run.ts started): throughput at saturation (each client sends its next
 *    save when the last is answered; target 1,000 saves/s), then the same 200 clients paced to 1,000 saves/s in all,
 *    whose p50/p99 are the rows "progress save p50/p99 latency" (target p99 ≤ 50 ms at that rate: at saturation the
 *    mean latency is 200 clients / throughput, so p99 ≤ 50 ms there would take 4,000 saves/s; those latencies are
 *    kept as "... at saturation"), and paced to 250 saves/s, about the most 200 browsers send (their store pushes
 *    800 ms after the last change); with the same server's floor (a static file, a push without a session) and the
 *    CPU time per request of the server and of the load generator, which share the machine's cores;
 *  - one learner making 2,000 attempts on two devices (one syncing as it goes, one offline throughout and syncing
 *    at the end): how many attempts the account keeps, and whether every push was answered 2xx;
 *  - a throwaway PostgreSQL cluster with one instance, then two instances with the clients spread over both
 *    (scale out: two instances should give ≥ 1.6× one).
 * LOAD_CLIENTS, LOAD_SECONDS, LOAD_RATE and LOAD_SKIP_POSTGRES=1 change what runs.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
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

/** CPU time (user + system, ms) a process and its children have used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  const ticks = (p: number): number => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      return Number(fields[11]) + Number(fields[12]) + children.reduce((n, c) => n + ticks(Number(c)), 0);
    } catch {
      return 0;
    }
  };
  const total = ticks(pid);
  return total ? total * 10 : null; // USER_HZ is 100 on Linux
}

/** CPU time (ms) each labelled process tree and this process (the load generator, "generator") used during `run`. */
async function cpuSplit<T>(pids: Record<string, (number | undefined)[]>, run: () => Promise<T>): Promise<{ result: T; ms: Record<string, number | null> }> {
  const sum = (ps: (number | undefined)[]) => {
    const each = ps.map(cpuMs);
    return each.includes(null) ? null : each.reduce<number>((n, m) => n + m!, 0);
  };
  const read = () => Object.fromEntries(Object.entries(pids).map(([k, ps]) => [k, sum(ps)]));
  const before = read();
  const own0 = process.cpuUsage();
  const result = await run();
  const after = read();
  const own = process.cpuUsage(own0);
  const ms: Record<string, number | null> = { generator: (own.user + own.system) / 1000 };
  for (const k of Object.keys(pids)) ms[k] = before[k] === null || after[k] === null ? null : after[k]! - before[k]!;
  return { result, ms };
}

/** Where the CPU went during a PostgreSQL run: per save, and the cores busy in all. */
function cpuRow(name: string, split: Record<string, number | null>, saves: number): Row | null {
  if (Object.values(split).some((v) => v === null)) return null;
  const total = Object.values(split).reduce<number>((n, v) => n + v!, 0);
  const per = Object.entries(split)
    .map(([k, v]) => `${k} ${(v! / Math.max(1, saves)).toFixed(2)} ms`)
    .join(", ");
  return { group: "load", name, value: Math.round((total / (SECONDS * 1000)) * 100) / 100, unit: "count", note: `cores busy on average over ${SECONDS} s (of ${os.cpus().length}) for the servers, PostgreSQL and the load generator; CPU per save: ${per}; load average ${load1()}` };
}

/** CPU time (ms) of a process's main thread alone (for Node, the JavaScript thread), from /proc; null elsewhere. */
function mainThreadMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The server's CPU (all its threads, and its main thread alone) and this process's (the load generator's) over a
 * measured stretch, per request.
 */
async function withCpu<T extends { requests: number }>(pid: number | undefined, run: () => Promise<T>): Promise<T & { serverMsPerRequest: number | null; serverMainMsPerRequest: number | null; generatorMsPerRequest: number }> {
  const server0 = cpuMs(pid);
  const main0 = mainThreadMs(pid);
  const own0 = process.cpuUsage();
  const r = await run();
  const server1 = cpuMs(pid);
  const main1 = mainThreadMs(pid);
  const own = process.cpuUsage(own0);
  const per = (ms: number) => Math.round((ms / Math.max(1, r.requests)) * 1000) / 1000;
  return {
    ...r,
    serverMsPerRequest: server0 === null || server1 === null ? null : per(server1 - server0),
    serverMainMsPerRequest: main0 === null || main1 === null ? null : per(main1 - main0),
    generatorMsPerRequest: per((own.user + own.system) / 1000),
  };
}

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
  // The clients spread evenly over the servers; each first syncs as a page load does (a pull from no cursor: its
  // session decoded once, its connection open), and the measured saves are the steady state after it.
  const groups = baseURLs.map((baseURL, i) => {
    const from = Math.floor((i * clients) / baseURLs.length);
    const to = Math.floor(((i + 1) * clients) / baseURLs.length);
    return { baseURL, cookies: Array.from({ length: to - from }, (_, k) => cookies[(from + k) % cookies.length]!) };
  });
  const firstCursors = await Promise.all(
    groups.map((g) =>
      Promise.all(
        g.cookies.map(async (cookie) => {
          const res = await fetch(`${g.baseURL}/api/progress`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ cursor: null }) });
          if (!res.ok) throw new Error(`the first sync was answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
          return ((await res.json()) as { cursor: number }).cursor;
        }),
      ),
    ),
  );
  const runs = groups.map((g, i) => {
    let next = 0;
    return autocannon({
      url: `${g.baseURL}/api/progress`,
      connections: g.cookies.length,
      pipelining: 1,
      duration: SECONDS,
      timeout: 30,
      // Each connection is one learner's browser with one save in flight; the id it sent is acknowledged by its 200,
      // and its next save carries the cursor of that answer. The state lives in the connection's own request:
      // autocannon resets a request's `context` each time it comes round, which would send every save without its
      // cursor (a device that knows nothing of the account, answered with a full pull).
      setupClient(client) {
        const k = next++ % g.cookies.length;
        const cookie = g.cookies[k]!;
        const device = { cursor: firstCursors[i]![k] as number | null, id: "" };
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
async function referenceLoad(baseURL: string, kind: "static" | "unauthenticated"): Promise<{ perSecond: number; requests: number }> {
  const r = await autocannon({
    url: kind === "static" ? `${baseURL}/icon.svg` : `${baseURL}/api/progress`,
    connections: CLIENTS,
    pipelining: 1,
    duration: SECONDS,
    timeout: 30,
    ...(kind === "static" ? {} : { method: "POST" as const, headers: { "content-type": "application/json" }, body: JSON.stringify({ cursor: null }) }),
  });
  const expected = kind === "static" ? r["2xx"] : r.non2xx;
  return { perSecond: Math.round(expected / SECONDS), requests: r.requests.total };
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

type Paced = Awaited<ReturnType<typeof pacedLoad>>;

function pacedNote(paced: Paced, label: string): string {
  const answered = Math.round(paced.acknowledged.length / SECONDS);
  return `${CLIENTS} clients each saving every ${Math.round((CLIENTS / paced.offered) * 1000)} ms for ${SECONDS} s: ${answered} saves/s acknowledged (${paced.withCursor} with the device's cursor), ${paced.unsent} still due at the end, ${paced.non2xx} non-2xx, ${paced.errors} errors; latency from when each save was due; ${label}; load average ${load1()}`;
}

/**
 * The rows of one configuration. With `atRate` (one instance on SQLite), "progress save p50/p99 latency" are the
 * latencies at the target rate (the same clients offering 1,000 saves/s in all), as the targets are meant: 1,000
 * saves/s answered with p99 ≤ 50 ms. The saturation latencies follow from the throughput (each client sends its next
 * save when the last is answered, so the mean latency is clients / saves per second) and are kept for reference.
 */
function loadRows(label: string, suffix: string, r: LoadResult, lost: number, targets: boolean, atRate?: Paced, otherRates: Paced[] = []): Row[] {
  const perSecond = Math.round(r.acknowledged.length / SECONDS);
  const note = `${CLIENTS} clients, ${SECONDS} s, ${r.acknowledged.length} saves acknowledged (${r.withCursor} sent with the device's cursor), ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ${label}; load average ${load1()}`;
  const saturated = `at saturation (each client saves again as soon as it is answered): mean latency = ${CLIENTS} clients / saves per second`;
  const rows: Row[] = [{ group: "load", name: `progress saves per second (${CLIENTS} clients)${suffix}`, value: perSecond, unit: "count", ...(targets ? atLeast(perSecond, 1000) : {}), note }];
  if (atRate) {
    const kept = atRate.unsent === 0 && atRate.non2xx === 0 && atRate.errors === 0;
    const rate = `at ${atRate.offered.toLocaleString("en-US")} saves/s offered: ${pacedNote(atRate, label)}`;
    rows.push(
      { group: "load", name: `progress save p50 latency${suffix}`, value: atRate.p50, unit: "ms", note: rate },
      { group: "load", name: `progress save p99 latency${suffix}`, value: atRate.p99, unit: "ms", ...(targets ? { target: "≤ 50, all saves answered", pass: atRate.p99 <= 50 && kept } : {}), note: rate },
      { group: "load", name: `progress save p50 latency at saturation (${CLIENTS} clients)${suffix}`, value: r.p50, unit: "ms", note: saturated },
      { group: "load", name: `progress save p99 latency at saturation (${CLIENTS} clients)${suffix}`, value: r.p99, unit: "ms", note: saturated },
    );
  } else {
    rows.push(
      { group: "load", name: `progress save p50 latency${suffix}`, value: r.p50, unit: "ms", note: saturated },
      { group: "load", name: `progress save p99 latency${suffix}`, value: r.p99, unit: "ms", note: saturated },
    );
  }
  for (const paced of otherRates) {
    const n = pacedNote(paced, label);
    rows.push(
      { group: "load", name: `progress save p50 latency at ${paced.offered.toLocaleString("en-US")} saves/s offered${suffix}`, value: paced.p50, unit: "ms", note: n },
      { group: "load", name: `progress save p99 latency at ${paced.offered.toLocaleString("en-US")} saves/s offered${suffix}`, value: paced.p99, unit: "ms", note: n },
    );
  }
  const checked = r.acknowledged.length + [atRate, ...otherRates].reduce((n, p) => n + (p?.acknowledged.length ?? 0), 0);
  rows.push({ group: "load", name: `acknowledged saves missing from the database${suffix}`, value: lost, unit: "count", ...atMost(lost, 0), note: `every one of the ${checked} acknowledged saves looked up` });
  return rows;
}

/**
 * What the machine allows: the server's CPU per save and per request that does no work of ours, and the load
 * generator's (autocannon in this process) per request, all on the same 2 cores. The most the two could do together
 * is cores / (server + generator CPU per request), less whatever else runs on the machine.
 */
function machineRows(saves: Awaited<ReturnType<typeof withCpu<LoadResult>>>, statics: Awaited<ReturnType<typeof withCpu<{ requests: number; perSecond: number }>>>, refused: Awaited<ReturnType<typeof withCpu<{ requests: number; perSecond: number }>>>): Row[] {
  const cores = os.cpus().length;
  const note = `same server, ${CLIENTS} clients, ${SECONDS} s each, right after the saves; load average ${load1()}`;
  const rows: Row[] = [
    { group: "load", name: `reference: static file requests per second (${CLIENTS} clients)`, value: statics.perSecond, unit: "count", note },
    { group: "load", name: `reference: progress pushes without a session (401) per second (${CLIENTS} clients)`, value: refused.perSecond, unit: "count", note },
  ];
  if (saves.serverMsPerRequest === null || statics.serverMsPerRequest === null || refused.serverMsPerRequest === null) return rows;
  const ceiling = Math.round((cores * 1000) / (saves.serverMsPerRequest + saves.generatorMsPerRequest));
  rows.push(
    { group: "load", name: "server CPU per progress save (200 clients, one instance on SQLite)", value: saves.serverMsPerRequest, unit: "ms", note: `the production server's user + system time over the saturation run / saves answered; the load generator used ${saves.generatorMsPerRequest} ms per save` },
    { group: "load", name: "server CPU per static file request", value: statics.serverMsPerRequest, unit: "ms", note: `Next's floor for a request that runs no code of ours; the load generator used ${statics.generatorMsPerRequest} ms per request` },
    { group: "load", name: "server CPU per progress push without a session (401)", value: refused.serverMsPerRequest, unit: "ms", note: `the route's floor: the request reaches the handler and is answered before any body or database work; the load generator used ${refused.generatorMsPerRequest} ms per request` },
    ...(saves.serverMainMsPerRequest === null
      ? []
      : [
          {
            group: "load" as const,
            name: "most saves per second one instance's JavaScript thread allows",
            value: Math.round(1000 / saves.serverMainMsPerRequest),
            unit: "count" as const,
            note: `1000 ms / ${saves.serverMainMsPerRequest} ms of the server's main thread per save (Node runs each request's JavaScript on that one thread; the ${saves.serverMsPerRequest} ms in all include the garbage collector's and libuv's threads)`,
          },
        ]),
    {
      group: "load",
      name: `most saves per second these ${cores} cores allow server and load generator together`,
      value: ceiling,
      unit: "count",
      note: `${cores} cores × 1000 ms / (${saves.serverMsPerRequest} ms server + ${saves.generatorMsPerRequest} ms generator per save), if nothing else ran and both used every core`,
    },
  );
  return rows;
}

export const load: BenchModule = {
  name: "load",
  needsSite: true,
  async run({ baseURL, databaseUrl, sitePid, log }) {
    const rows: Row[] = [];
    const cookies = await Promise.all((await seedLearners(databaseUrl!, "load-learner", CLIENTS)).map(sessionCookie));
    log(`load: ${CLIENTS} clients saving progress for ${SECONDS} s, one instance on SQLite (load average ${load1()})…`);
    const sqlite = await withCpu(sitePid, () => saveLoad([baseURL!], cookies, CLIENTS));
    log(`load: the same server's floor: a static file, and pushes without a session (load average ${load1()})…`);
    const statics = await withCpu(sitePid, () => referenceLoad(baseURL!, "static"));
    const refused = await withCpu(sitePid, () => referenceLoad(baseURL!, "unauthenticated"));
    log(`load: the same clients offering ${RATE} saves/s in all (load average ${load1()})…`);
    const atRate = await pacedLoad(baseURL!, cookies, RATE);
    log(`load: the same clients at ${BROWSER_RATE} saves/s, about the most ${CLIENTS} browsers send (load average ${load1()})…`);
    const browserRate = await pacedLoad(baseURL!, cookies, BROWSER_RATE);
    const lost = await missing(databaseUrl!, [...sqlite.acknowledged, ...atRate.acknowledged, ...browserRate.acknowledged]);
    rows.push(...loadRows("one instance on SQLite", "", sqlite, lost, true, atRate, [browserRate]), ...machineRows(sqlite, statics, refused));

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
      const oneRun = await cpuSplit({ servers: [sites[0]!.pid], postgresql: [cluster.pid()] }, () => saveLoad([sites[0]!.baseURL], pgCookies, CLIENTS));
      const one = oneRun.result;
      rows.push(...loadRows("one instance on PostgreSQL", ", one instance on PostgreSQL", one, await missing(cluster.url, one.acknowledged), false));
      sites.push(await startSite(cluster.url));
      log(`load: two instances on PostgreSQL (load average ${load1()})…`);
      const bothRun = await cpuSplit({ servers: sites.map((s) => s.pid), postgresql: [cluster.pid()] }, () =>
        saveLoad(
          sites.map((s) => s.baseURL),
          pgCookies,
          CLIENTS,
        ),
      );
      const both = bothRun.result;
      rows.push(...loadRows("two instances on one PostgreSQL, clients spread over both", ", two instances on PostgreSQL", both, await missing(cluster.url, both.acknowledged), false));
      for (const r of [cpuRow("cores busy during the saves, one instance on PostgreSQL", oneRun.ms, one.acknowledged.length), cpuRow("cores busy during the saves, two instances on PostgreSQL", bothRun.ms, both.acknowledged.length)]) if (r) rows.push(r);
      const ratio = Math.round((both.acknowledged.length / Math.max(1, one.acknowledged.length)) * 100) / 100;
      rows.push({ group: "load", name: "two instances / one instance on PostgreSQL, saves per second", value: ratio, unit: "x", ...atLeast(ratio, 1.6), note: `${both.acknowledged.length} vs ${one.acknowledged.length} saves in ${SECONDS} s` });
    } finally {
      for (const s of sites) s.stop();
      cluster.stop();
    }
    return rows;
  },
};
