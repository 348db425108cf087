import "server-only";
import { clientProvider, db } from "@/lib/db/client";
import { writeSql, type Sql } from "@/lib/db/sql";
import { sameLesson, type Draft, type ExerciseSummary, type LessonProgress, type ProgressPull } from "@/lib/progress/model";
import { attemptRows, attemptsInsert, draftRows, draftsUpsert, epochMs, lessonRows, lessonsUpsert, type SaveWrite } from "./progress-sql";

export interface WriteResult {
  inserted: Set<string>;
  /** The learner's counter after the save; null when the user does not exist. */
  counter: number | null;
  /** The whole answer when the save alone moved the counter from the device's cursor: see SqliteGroupWriter. */
  answer?: Pick<ProgressPull, "exercises"> & Partial<Pick<ProgressPull, "lessons" | "drafts">>;
}

/**
 * One save on PostgreSQL, as one statement (one round trip, one commit): lock the learner's row, apply the upserts
 * stamped with the counter's next value, bump the counter if anything changed, and answer the counter before and
 * after, the ids inserted, the rows as merged and the summaries of the exercises tried. The row lock serialises one learner's saves (from
 * any number of instances) and makes stamping and bump one atomic change, so a reader that sees the counter at S sees
 * every row stamped up to S. In READ COMMITTED the lock, once granted, hands the statement the row as the previous
 * save left it; the sub-statements share one snapshot, which is why the summaries add the attempts just inserted
 * (from RETURNING) to those already stored. They are only used when the device's cursor was the counter before this
 * save (then nothing committed since the device last heard from the server, so the snapshot holds all of it).
 */
const PG_SAVE = `WITH u AS (SELECT "id", "progressSeq" FROM "User" WHERE "id" = $1 FOR NO KEY UPDATE),
l AS (${lessonsUpsert("postgresql", "$2", "u")} RETURNING "lessonId" AS i, ${epochMs("postgresql", `"firstOpenedAt"`)} AS a, ${epochMs("postgresql", `"lastOpenedAt"`)} AS b,
  "position" AS c, ${epochMs("postgresql", `"positionAt"`)} AS d, ${epochMs("postgresql", `"completedAt"`)} AS e, "secondsSpent" AS f),
d AS (${draftsUpsert("postgresql", "$3", "u")} RETURNING "runnerId" AS i, "code" AS c, ${epochMs("postgresql", `"updatedAt"`)} AS t),
a AS (${attemptsInsert("postgresql", "$4", "u", `"id", "exerciseId", "lessonId", "passed", "hintsUsed", "createdAt"`)}),
b AS (UPDATE "User" SET "progressSeq" = "User"."progressSeq" + 1 FROM u
  WHERE "User"."id" = u."id" AND (EXISTS (SELECT 1 FROM l) OR EXISTS (SELECT 1 FROM d) OR EXISTS (SELECT 1 FROM a))
  RETURNING "User"."progressSeq"),
s AS (SELECT "exerciseId", "lessonId", "passed", "hintsUsed", "createdAt" FROM "ExerciseAttempt"
    WHERE "userId" = $1 AND "exerciseId" IN (SELECT jsonb_array_elements_text($5::jsonb))
  UNION ALL SELECT "exerciseId", "lessonId", "passed", "hintsUsed", "createdAt" FROM a)
SELECT (SELECT "progressSeq" FROM u) AS "before", (SELECT "progressSeq" FROM b) AS "after",
  (SELECT coalesce(json_agg("id"), '[]'::json) FROM a) AS "inserted",
  (SELECT coalesce(json_agg(l), '[]'::json) FROM l) AS "lessons", (SELECT coalesce(json_agg(d), '[]'::json) FROM d) AS "drafts",
  (SELECT coalesce(json_agg(x), '[]'::json) FROM (SELECT "exerciseId" AS e, min("lessonId") AS l, count(*)::float8 AS n,
      sum(CASE WHEN "passed" THEN 0 ELSE 1 END)::float8 AS f, max("hintsUsed")::float8 AS h,
      ${epochMs("postgresql", `min(CASE WHEN "passed" THEN "createdAt" END)`)} AS p, ${epochMs("postgresql", `max("createdAt")`)} AS t
    FROM s GROUP BY "exerciseId") x) AS "summaries"`;

async function writeSave(sql: Sql, w: SaveWrite): Promise<WriteResult> {
  const exercises = [...new Set(w.attempts.map((a) => a.exerciseId))];
  const [row] = await sql.query<{ before: unknown; after: unknown; inserted: unknown; lessons: unknown; drafts: unknown; summaries: unknown }>(PG_SAVE, [w.userId, lessonRows([w]), draftRows([w]), attemptRows([w]), JSON.stringify(exercises)]);
  if (!row || row.before === null) return { inserted: new Set(), counter: null };
  const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
  const before = Number(row.before);
  const counter = row.after === null ? before : Number(row.after);
  const result: WriteResult = { inserted: new Set(json<string[]>(row.inserted)), counter };
  if (w.cursor !== null && before === w.cursor && counter === before + 1) {
    const summaries: Record<string, ExerciseSummary> = {};
    for (const x of json<{ e: string; l: string; n: number; f: number; h: number; p: number | null; t: number }[]>(row.summaries)) {
      summaries[x.e] = { lessonId: x.l, attempts: Number(x.n), failed: Number(x.f), maxHints: Number(x.h), passedAt: x.p === null ? null : Number(x.p), lastAt: Number(x.t) };
    }
    // The merge of what the device sent with what was stored, where it differs from what the device sent (a device
    // that is up to date has merged everything stored into its copy already, so normally nothing).
    const sentLessons = new Map(w.lessons);
    const sentDrafts = new Map(w.drafts);
    const lessons: Record<string, LessonProgress> = {};
    for (const x of json<{ i: string; a: number; b: number; c: number; d: number; e: number | null; f: number }[]>(row.lessons)) {
      const merged: LessonProgress = { firstOpenedAt: Number(x.a), lastOpenedAt: Number(x.b), position: Number(x.c), positionAt: Number(x.d), completedAt: x.e === null ? null : Number(x.e), secondsSpent: Number(x.f) };
      if (!sameLesson(sentLessons.get(x.i), merged)) lessons[x.i] = merged;
    }
    const drafts: Record<string, Draft> = {};
    for (const x of json<{ i: string; c: string; t: number }[]>(row.drafts)) {
      const sent = sentDrafts.get(x.i);
      if (!sent || sent.code !== x.c || sent.updatedAt !== Number(x.t)) drafts[x.i] = { code: x.c, updatedAt: Number(x.t) };
    }
    result.answer = { exercises: summaries, lessons, drafts };
  }
  return result;
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
const SQLITE_LESSONS = lessonsUpsert("sqlite", "?", `"User" u`);
const SQLITE_DRAFTS = draftsUpsert("sqlite", "?", `"User" u`);
const SQLITE_ATTEMPTS = attemptsInsert("sqlite", "?", `"User" u`, `"id"`);

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
      if (writes.some((w) => w.lessons.length)) await sql.execute(SQLITE_LESSONS, [lessonRows(writes)]);
      if (writes.some((w) => w.drafts.length)) await sql.execute(SQLITE_DRAFTS, [draftRows(writes)]);
      const inserted = writes.some((w) => w.attempts.length) ? new Set((await sql.query<{ id: string }>(SQLITE_ATTEMPTS, [attemptRows(writes)])).map((r) => r.id)) : new Set<string>();
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
