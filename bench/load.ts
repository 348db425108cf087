/**
 * Issue 11's load test: the progress-save path (POST /api/progress, what every learner's browser calls) under 200
 * concurrent signed-in clients on loopback, against the production server and its SQLite database (WAL). Each save
 * carries a lesson update, a draft and one exercise attempt with a fresh id; afterwards every acknowledged attempt
 * id must be in the database (0 lost). Throughput and latency percentiles come from autocannon.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { createDb } from "../lib/db/client";
import { atLeast, atMost, BENCH_AUTH_SECRET, type BenchModule, type Row } from "./lib";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = 10;
const LESSON = "concurrency-and-parallelism/doing-several-things";
const COOKIE = "authjs.session-token";

async function seedLearners(databaseUrl: string): Promise<string[]> {
  const db = createDb(databaseUrl);
  try {
    const ids = Array.from({ length: CLIENTS }, (_, i) => `load-learner-${i}`);
    await db.user.createMany({ data: ids.map((id, i) => ({ id, email: `load${i}@bench.test`, name: `Load ${i}`, role: "learner" })) });
    return ids;
  } finally {
    await db.$disconnect();
  }
}

/** What the sign-in would set: an Auth.js session cookie for the user (same secret and salt as the server). */
function sessionCookie(userId: string): Promise<string> {
  return encode({ token: { sub: userId, role: "learner", name: userId }, secret: BENCH_AUTH_SECRET, salt: COOKIE }).then((t) => `${COOKIE}=${t}`);
}

function snapshot(attemptId: string, n: number): string {
  const now = Date.now();
  return JSON.stringify({
    lessons: { [LESSON]: { firstOpenedAt: now - 60_000, lastOpenedAt: now, position: (n % 100) / 100, positionAt: now, completedAt: null, secondsSpent: n } },
    drafts: { [`${LESSON}/example-1`]: { code: `print(${n})\n`, updatedAt: now } },
    attempts: [{ id: attemptId, exerciseId: `${LESSON}#load`, lessonId: LESSON, code: `print(${n})`, passed: n % 2 === 0, hintsUsed: 0, output: "", at: now }],
  });
}

export const load: BenchModule = {
  name: "load",
  needsSite: true,
  async run({ baseURL, databaseUrl, log }) {
    const users = await seedLearners(databaseUrl!);
    const cookies = await Promise.all(users.map(sessionCookie));
    // Each connection is one learner with one save in flight; the id it sent is acknowledged by its 200.
    const acknowledged: string[] = [];
    let next = 0;
    let counter = 0;
    log(`load: ${CLIENTS} clients saving progress for ${SECONDS} s…`);
    const result = await autocannon({
      url: `${baseURL}/api/progress`,
      connections: CLIENTS,
      pipelining: 1,
      duration: SECONDS,
      timeout: 30,
      setupClient(client) {
        const cookie = cookies[next++ % cookies.length]!;
        client.setHeaders({ cookie, "content-type": "application/json" });
      },
      requests: [
        {
          method: "POST",
          setupRequest(request, context) {
            const id = randomUUID();
            (context as { id?: string }).id = id;
            return { ...request, body: snapshot(id, counter++) };
          },
          onResponse(status, _body, context) {
            if (status === 200) acknowledged.push((context as { id: string }).id);
          },
        },
      ],
    });
    const db = createDb(databaseUrl!);
    let stored = 0;
    try {
      for (let i = 0; i < acknowledged.length; i += 500) {
        stored += await db.exerciseAttempt.count({ where: { id: { in: acknowledged.slice(i, i + 500) } } });
      }
    } finally {
      await db.$disconnect();
    }
    const lost = acknowledged.length - stored;
    const perSecond = Math.round(acknowledged.length / SECONDS);
    const note = `${CLIENTS} clients, ${SECONDS} s, ${acknowledged.length} saves acknowledged, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`;
    const rows: Row[] = [
      { group: "load", name: `progress saves per second (${CLIENTS} clients)`, value: perSecond, unit: "count", ...atLeast(perSecond, 1000), note },
      { group: "load", name: "progress save p50 latency", value: result.latency.p50, unit: "ms" },
      { group: "load", name: "progress save p99 latency", value: result.latency.p99, unit: "ms", ...atMost(result.latency.p99, 50) },
      { group: "load", name: "acknowledged saves missing from the database", value: lost, unit: "count", ...atMost(lost, 0) },
    ];
    return rows;
  },
};
