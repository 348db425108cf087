import "server-only";
import { clientProvider, db } from "@/lib/db/client";
import { writeSql, type Sql } from "@/lib/db/sql";
import type { ExerciseSummary, ProgressPull } from "@/lib/progress/model";
import { epochMs, insertAttempts, upsertDrafts, upsertLessons, type SaveWrite } from "./progress-sql";

export interface WriteResult {
  inserted: Set<string>;
  /** The learner's counter after the save; null when the user does not exist. */
  counter: number | null;
  /** The whole answer when the save alone moved the counter from the device's cursor: see SqliteGroupWriter. */
  answer?: Pick<ProgressPull, "exercises">;
}

/** One save on PostgreSQL: the upserts (in parallel, on the pool), then the counter's bump or, if nothing changed, its value. */
async function writeSave(sql: Sql, w: SaveWrite): Promise<WriteResult> {
  const [l, d, inserted] = await Promise.all([upsertLessons(sql, [w]), upsertDrafts(sql, [w]), insertAttempts(sql, [w])]);
  const counter =
    l + d + inserted.size
      ? await sql.query<{ progressSeq: unknown }>(`UPDATE "User" SET "progressSeq" = "progressSeq" + 1 WHERE "id" = $1 RETURNING "progressSeq"`, [w.userId])
      : await sql.query<{ progressSeq: unknown }>(`SELECT "progressSeq" FROM "User" WHERE "id" = $1`, [w.userId]);
  return { inserted, counter: counter[0] ? Number(counter[0].progressSeq) : null };
}

/**
 * Group commit for SQLite. SQLite has one writer at a time, and in WAL mode with synchronous=FULL every commit waits
 * for an fsync of the log (about 0.35 ms here, several under load); and libsql prepares every statement afresh, which
 * costs more CPU than running it. So saves wait for the next group, and a group is one transaction of four statements
 * whatever its size: every lesson, every draft, every attempt of the group, then one bump of each learner's counter.
 * libsql runs statements synchronously on the main thread, so no request is read while a group is written; a group
 * therefore starts one event-loop turn after its first save arrives, once the sockets' pending requests have been
 * read and their saves queued. Without that turn, a server busy with HTTP wrote groups of one save each (2.5 ms of
 * blocking SQL per save); with it, groups hold about 140 saves at 1,000 saves/s. Should a group fail, its saves are written again one by one, so one bad save fails
 * alone. A save is answered only after its group committed: an acknowledged save is as durable as before.
 *
 * The common case needs no read afterwards: a learner with one save in the group whose cursor was the counter
 * before it (their device is up to date) is missing nothing but the summaries of the exercises they just tried, since
 * every row stamped in between is that save's own merge of what the device already had. Those summaries are read in
 * the group's transaction (one statement for the group).
 */
class SqliteGroupWriter {
  private queue: { write: SaveWrite; resolve: (r: WriteResult) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  submit(write: SaveWrite): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain() {
    try {
      while (this.queue.length) {
        await nextTurn();
        const group = this.queue.splice(0, GROUP_MAX);
        const sql = await writeSql();
        try {
          const results = await this.transaction(sql, group.map((j) => j.write));
          group.forEach((job, i) => job.resolve(results[i]!));
        } catch {
          for (const job of group) {
            try {
              job.resolve((await this.transaction(sql, [job.write]))[0]!);
            } catch (error) {
              job.reject(error);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async transaction(sql: Sql, writes: SaveWrite[]): Promise<WriteResult[]> {
    await sql.execute("BEGIN IMMEDIATE", []);
    try {
      await upsertLessons(sql, writes);
      await upsertDrafts(sql, writes);
      const inserted = await insertAttempts(sql, writes);
      const users = [...new Set(writes.map((w) => w.userId))];
      const bumped = await sql.query<{ id: string; progressSeq: unknown }>(
        `UPDATE "User" SET "progressSeq" = "progressSeq" + 1 WHERE "id" IN (SELECT value FROM json_each(?)) RETURNING "id", "progressSeq"`,
        [JSON.stringify(users)],
      );
      const counters = new Map(bumped.map((r) => [r.id, Number(r.progressSeq)]));
      const savesOf = new Map<string, number>();
      for (const w of writes) savesOf.set(w.userId, (savesOf.get(w.userId) ?? 0) + 1);
      const current = (w: SaveWrite) => savesOf.get(w.userId) === 1 && w.cursor !== null && counters.get(w.userId) === w.cursor + 1;
      const pairs = writes.filter(current).flatMap((w) => [...new Set(w.attempts.map((a) => a.exerciseId))].map((e) => [w.userId, e]));
      const summaries = new Map<string, ExerciseSummary>();
      if (pairs.length) {
        const rows = await sql.query<Record<string, unknown>>(
          // A join on the pairs rather than `("userId", "exerciseId") IN (...)`: SQLite plans that IN with the userId
          // index only and reads every attempt of every learner in the group; the join looks each pair up by its index.
          `SELECT a."userId", a."exerciseId", min(a."lessonId") AS "lessonId", count(*) AS n, sum(CASE WHEN a."passed" THEN 0 ELSE 1 END) AS failed, max(a."hintsUsed") AS hints,
             ${epochMs("sqlite", `min(CASE WHEN a."passed" THEN a."createdAt" END)`)} AS "passedAt", ${epochMs("sqlite", `max(a."createdAt")`)} AS "lastAt"
           FROM (SELECT DISTINCT json_extract(value, '$[0]') AS u, json_extract(value, '$[1]') AS e FROM json_each(?)) p
           JOIN "ExerciseAttempt" a ON a."userId" = p.u AND a."exerciseId" = p.e
           GROUP BY a."userId", a."exerciseId"`,
          [JSON.stringify(pairs)],
        );
        for (const r of rows) {
          summaries.set(`${String(r.userId)}\u0000${String(r.exerciseId)}`, {
            lessonId: String(r.lessonId),
            attempts: Number(r.n),
            failed: Number(r.failed),
            maxHints: Number(r.hints),
            passedAt: r.passedAt === null ? null : Number(r.passedAt),
            lastAt: Number(r.lastAt),
          });
        }
      }
      await sql.execute("COMMIT", []);
      return writes.map((w) => {
        const result: WriteResult = { inserted: new Set(w.attempts.map((a) => a.id).filter((id) => inserted.has(id))), counter: counters.get(w.userId) ?? null };
        if (current(w)) {
          const exercises: Record<string, ExerciseSummary> = {};
          for (const a of w.attempts) {
            const s = summaries.get(`${w.userId}\u0000${a.exerciseId}`);
            if (s) exercises[a.exerciseId] = s;
          }
          result.answer = { exercises };
        }
        return result;
      });
    } catch (error) {
      await sql.execute("ROLLBACK", []).catch(() => undefined);
      throw error;
    }
  }
}

/** Lets the event loop read what the sockets have received (the other saves in flight) before a group is written. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Saves per group commit at most (a group of a few hundred small saves takes a few milliseconds). */
const GROUP_MAX = 256;

const globalForWriter = globalThis as unknown as { interleaveProgressWriter?: SqliteGroupWriter };
function sqliteWriter(): SqliteGroupWriter {
  return (globalForWriter.interleaveProgressWriter ??= new SqliteGroupWriter());
}

/** Writes one save: through the group writer on SQLite, on its own on PostgreSQL. */
export async function writeProgress(write: SaveWrite): Promise<WriteResult> {
  return clientProvider(db) === "sqlite" ? sqliteWriter().submit(write) : writeSave(await writeSql(), write);
}
