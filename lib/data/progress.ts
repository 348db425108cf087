import "server-only";
import { clientProvider, db } from "@/lib/db/client";
import { readSql, writeSql, type Sql } from "@/lib/db/sql";
import {
  parseItem,
  PUSH_LIMITS,
  sameLesson,
  type Attempt,
  type Draft,
  type ExerciseSummary,
  type LessonProgress,
  type ProgressPull,
  type ProgressPush,
  type ProgressSnapshot,
  type RejectedItem,
} from "@/lib/progress/model";

/**
 * Progress sync by deltas (issue 18). A device pushes what changed since its last acknowledged sync with its cursor;
 * the server applies it with a few monotonic SQL statements and answers with what the device is missing.
 *
 * The cursor. `User.progressSeq` counts the learner's committed changes. Every statement that changes a progress row
 * stamps it with `seq = progressSeq + 1` (the next value), reading the counter in the same statement; after its
 * writes a push bumps the counter. A reader takes the counter S first and then the rows with `cursor < seq <= S`.
 * No row stamped `<= S` can still be uncommitted at that point: it was stamped while the counter was below S, and
 * the bump that raised the counter came after that statement committed (SQLite runs one writer at a time; PostgreSQL
 * holds a share lock on the user's row for the stamping statement, which the bump's UPDATE must wait for). A row
 * stamped with the next value and not yet counted is returned once the counter reaches it; a row changed again later
 * carries the later stamp. So each save is a handful of autocommitted statements: no interactive transaction, no
 * read-back of the whole snapshot, and saves for one learner from many servers serialise only on that learner's row.
 *
 * The merge rules are those of lib/progress/model.ts (earliest first visit, latest position, first completion,
 * largest reading time, newest draft, attempts inserted once by id), written as `ON CONFLICT ... DO UPDATE ... WHERE`
 * so an update that would change nothing does not touch the row (nor its stamp).
 */

/** Rows of each kind answered per pull; a push carries at most as many, so one push's rows always fit one page. */
const PAGE = { lessons: PUSH_LIMITS.lessons, drafts: PUSH_LIMITS.drafts } as const;

type Dialect = "sqlite" | "postgresql";

/** Timestamps as Prisma stores them in SQLite (ISO text with an explicit UTC offset); PostgreSQL parses the same. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

function placeholders(dialect: Dialect) {
  let n = 0;
  return () => (dialect === "sqlite" ? "?" : `$${++n}`);
}

/** SQL for the user's row with its counter, locked against the counter's bump on PostgreSQL (see above). */
function userRow(dialect: Dialect, p: () => string): string {
  // SQLite writes whole groups of saves (several learners) in one statement; PostgreSQL one learner's save.
  return dialect === "sqlite" ? `"User" u` : `(SELECT "id", "progressSeq" FROM "User" WHERE "id" = ${p()} FOR SHARE) u`;
}

/** The items of a JSON array parameter as a table `v` with typed columns. */
function jsonRows(dialect: Dialect, p: () => string, columns: [name: string, pgType: string][]): string {
  if (dialect === "sqlite") {
    return `(SELECT ${columns.map(([c]) => `json_extract(value, '$.${c}') AS "${c}"`).join(", ")} FROM json_each(${p()})) v`;
  }
  return `jsonb_to_recordset(${p()}::jsonb) AS v(${columns.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;
}

function least(dialect: Dialect, a: string, b: string) {
  return dialect === "sqlite" ? `min(${a}, ${b})` : `LEAST(${a}, ${b})`;
}
function greatest(dialect: Dialect, a: string, b: string) {
  return dialect === "sqlite" ? `max(${a}, ${b})` : `GREATEST(${a}, ${b})`;
}
/** Milliseconds since 1970 of a stored timestamp, as a number. */
function epochMs(dialect: Dialect, column: string) {
  return dialect === "sqlite"
    ? `CAST(round((julianday(${column}) - 2440587.5) * 86400000.0) AS INTEGER)`
    : `round(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;
}

async function upsertLessons(sql: Sql, saves: SaveWrite[]): Promise<number> {
  const dialect = sql.provider;
  const lessons = saves.flatMap((w) => w.lessons.map(([id, l]) => [w.userId, id, l] as const));
  if (!lessons.length) return 0;
  const p = placeholders(dialect);
  const t = `"LessonProgress"`;
  // The completion: the earliest of the two, where either may be missing (PostgreSQL's LEAST skips NULLs, SQLite's
  // min() does not).
  const completed =
    dialect === "sqlite"
      ? `CASE WHEN ${t}."completedAt" IS NULL THEN excluded."completedAt" WHEN excluded."completedAt" IS NULL THEN ${t}."completedAt" ELSE min(${t}."completedAt", excluded."completedAt") END`
      : `LEAST(${t}."completedAt", excluded."completedAt")`;
  const text = `INSERT INTO ${t} ("userId", "lessonId", "firstOpenedAt", "lastOpenedAt", "position", "positionAt", "completedAt", "secondsSpent", "seq")
SELECT u."id", v."lessonId", v."firstOpenedAt", v."lastOpenedAt", v."position", v."positionAt", v."completedAt", v."secondsSpent", u."progressSeq" + 1
FROM ${jsonRows(dialect, p, [
    ["userId", "text"],
    ["lessonId", "text"],
    ["firstOpenedAt", "timestamp(3)"],
    ["lastOpenedAt", "timestamp(3)"],
    ["position", "float8"],
    ["positionAt", "timestamp(3)"],
    ["completedAt", "timestamp(3)"],
    ["secondsSpent", "integer"],
  ])} JOIN ${userRow(dialect, p)} ON u."id" = v."userId"
WHERE true
ON CONFLICT ("userId", "lessonId") DO UPDATE SET
  "firstOpenedAt" = ${least(dialect, `${t}."firstOpenedAt"`, `excluded."firstOpenedAt"`)},
  "lastOpenedAt" = ${greatest(dialect, `${t}."lastOpenedAt"`, `excluded."lastOpenedAt"`)},
  "position" = CASE WHEN excluded."positionAt" > ${t}."positionAt" THEN excluded."position" ELSE ${t}."position" END,
  "positionAt" = ${greatest(dialect, `${t}."positionAt"`, `excluded."positionAt"`)},
  "completedAt" = ${completed},
  "secondsSpent" = ${greatest(dialect, `${t}."secondsSpent"`, `excluded."secondsSpent"`)},
  "seq" = excluded."seq"
WHERE excluded."firstOpenedAt" < ${t}."firstOpenedAt" OR excluded."lastOpenedAt" > ${t}."lastOpenedAt" OR excluded."positionAt" > ${t}."positionAt"
  OR (excluded."completedAt" IS NOT NULL AND (${t}."completedAt" IS NULL OR excluded."completedAt" < ${t}."completedAt"))
  OR excluded."secondsSpent" > ${t}."secondsSpent"`;
  const rows = lessons.map(([userId, lessonId, l]) => ({
    userId,
    lessonId,
    firstOpenedAt: isoTime(l.firstOpenedAt),
    lastOpenedAt: isoTime(l.lastOpenedAt),
    position: l.position,
    positionAt: isoTime(l.positionAt),
    completedAt: l.completedAt === null ? null : isoTime(l.completedAt),
    secondsSpent: l.secondsSpent,
  }));
  return sql.execute(text, userArgs(sql, saves, JSON.stringify(rows)));
}

/** The JSON rows, then (PostgreSQL) the one learner whose row is share-locked. */
function userArgs(sql: Sql, saves: SaveWrite[], json: string): string[] {
  return sql.provider === "sqlite" ? [json] : [json, saves[0]!.userId];
}

async function upsertDrafts(sql: Sql, saves: SaveWrite[]): Promise<number> {
  const dialect = sql.provider;
  const drafts = saves.flatMap((w) => w.drafts.map(([id, d]) => [w.userId, id, d] as const));
  if (!drafts.length) return 0;
  const p = placeholders(dialect);
  const text = `INSERT INTO "CodeDraft" ("userId", "runnerId", "code", "updatedAt", "seq")
SELECT u."id", v."runnerId", v."code", v."updatedAt", u."progressSeq" + 1
FROM ${jsonRows(dialect, p, [
    ["userId", "text"],
    ["runnerId", "text"],
    ["code", "text"],
    ["updatedAt", "timestamp(3)"],
  ])} JOIN ${userRow(dialect, p)} ON u."id" = v."userId"
WHERE true
ON CONFLICT ("userId", "runnerId") DO UPDATE SET "code" = excluded."code", "updatedAt" = excluded."updatedAt", "seq" = excluded."seq"
WHERE excluded."updatedAt" > "CodeDraft"."updatedAt"`;
  const rows = drafts.map(([userId, runnerId, d]) => ({ userId, runnerId, code: d.code, updatedAt: isoTime(d.updatedAt) }));
  return sql.execute(text, userArgs(sql, saves, JSON.stringify(rows)));
}

/** Inserts the attempts not stored yet; returns the ids it inserted. */
async function insertAttempts(sql: Sql, saves: SaveWrite[]): Promise<Set<string>> {
  const dialect = sql.provider;
  const attempts = saves.flatMap((w) => w.attempts.map((a) => ({ ...a, userId: w.userId })));
  if (!attempts.length) return new Set();
  const p = placeholders(dialect);
  const text = `INSERT INTO "ExerciseAttempt" ("id", "userId", "exerciseId", "lessonId", "code", "passed", "hintsUsed", "output", "createdAt", "seq")
SELECT v."id", u."id", v."exerciseId", v."lessonId", v."code", v."passed", v."hintsUsed", v."output", v."createdAt", u."progressSeq" + 1
FROM ${jsonRows(dialect, p, [
    ["userId", "text"],
    ["id", "text"],
    ["exerciseId", "text"],
    ["lessonId", "text"],
    ["code", "text"],
    ["passed", "boolean"],
    ["hintsUsed", "integer"],
    ["output", "text"],
    ["createdAt", "timestamp(3)"],
  ])} JOIN ${userRow(dialect, p)} ON u."id" = v."userId"
WHERE true
ON CONFLICT ("id") DO NOTHING
RETURNING "id"`;
  const rows = attempts.map((a) => ({ userId: a.userId, id: a.id, exerciseId: a.exerciseId, lessonId: a.lessonId, code: a.code, passed: a.passed, hintsUsed: a.hintsUsed, output: a.output, createdAt: isoTime(a.at) }));
  const inserted = await sql.query<{ id: string }>(text, userArgs(sql, saves, JSON.stringify(rows)));
  return new Set(inserted.map((r) => r.id));
}

interface ChangeRow {
  kind: "l" | "d" | "e";
  id: string;
  seq: number;
  text: string | null;
  a: number | null;
  b: number | null;
  c: number | null;
  d: number | null;
  e: number | null;
  f: number | null;
}

/**
 * The learner's rows changed in (after, upTo]: lessons and drafts (a page of each, oldest changes first) and the
 * summaries of every exercise with an attempt in that range. One statement.
 */
async function readChanges(sql: Sql, userId: string, after: number, upTo: number): Promise<ChangeRow[]> {
  const dialect = sql.provider;
  const p = placeholders(dialect);
  const num = (x: string) => (dialect === "sqlite" ? x : `(${x})::float8`);
  const asText = (x: string) => (dialect === "sqlite" ? x : `(${x})::text`);
  const nul = dialect === "sqlite" ? "NULL" : "NULL::float8";
  const range = () => `"userId" = ${p()} AND "seq" > ${p()} AND "seq" <= ${p()}`;
  const query = `SELECT * FROM (SELECT ${asText("'l'")} AS kind, "lessonId" AS id, "seq", ${asText("NULL")} AS text, ${epochMs(dialect, `"firstOpenedAt"`)} AS a, ${epochMs(dialect, `"lastOpenedAt"`)} AS b,
    ${num(`"position"`)} AS c, ${epochMs(dialect, `"positionAt"`)} AS d, ${epochMs(dialect, `"completedAt"`)} AS e, ${num(`"secondsSpent"`)} AS f
  FROM "LessonProgress" WHERE ${range()} ORDER BY "seq" LIMIT ${PAGE.lessons + 1}) l
UNION ALL
SELECT * FROM (SELECT ${asText("'d'")}, "runnerId", "seq", "code", ${epochMs(dialect, `"updatedAt"`)}, ${nul}, ${nul}, ${nul}, ${nul}, ${nul}
  FROM "CodeDraft" WHERE ${range()} ORDER BY "seq" LIMIT ${PAGE.drafts + 1}) d
UNION ALL
SELECT ${asText("'e'")}, "exerciseId", 0, min("lessonId"), ${num("count(*)")}, ${num(`sum(CASE WHEN "passed" THEN 0 ELSE 1 END)`)}, ${num(`max("hintsUsed")`)},
  ${epochMs(dialect, `min(CASE WHEN "passed" THEN "createdAt" END)`)}, ${epochMs(dialect, `max("createdAt")`)}, ${nul}
FROM "ExerciseAttempt" WHERE "userId" = ${p()} AND "exerciseId" IN (SELECT "exerciseId" FROM "ExerciseAttempt" WHERE ${range()})
GROUP BY "exerciseId"`;
  const rows = await sql.query<Record<keyof ChangeRow, unknown>>(query, [userId, after, upTo, userId, after, upTo, userId, userId, after, upTo]);
  const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return rows.map((r) => ({ kind: r.kind as ChangeRow["kind"], id: String(r.id), seq: Number(r.seq), text: r.text === null ? null : String(r.text), a: n(r.a), b: n(r.b), c: n(r.c), d: n(r.d), e: n(r.e), f: n(r.f) }));
}

/** Rows of one kind stamped exactly `seq` (the rare page that several concurrent pushes stamped alike). */
async function readWholeStamp(sql: Sql, userId: string, seq: number): Promise<ChangeRow[]> {
  const rows = await readChanges(sql, userId, seq - 1, seq);
  if (rows.filter((r) => r.kind === "l").length <= PAGE.lessons && rows.filter((r) => r.kind === "d").length <= PAGE.drafts) return rows;
  // Many more than a page share one stamp: read them without the page limits.
  const [lessons, drafts] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId, seq } }),
    db.codeDraft.findMany({ where: { userId, seq } }),
  ]);
  return [
    ...rows.filter((r) => r.kind === "e"),
    ...lessons.map((l): ChangeRow => ({ kind: "l", id: l.lessonId, seq, text: null, a: l.firstOpenedAt.getTime(), b: l.lastOpenedAt.getTime(), c: l.position, d: l.positionAt.getTime(), e: l.completedAt?.getTime() ?? null, f: l.secondsSpent })),
    ...drafts.map((d): ChangeRow => ({ kind: "d", id: d.runnerId, seq, text: d.code, a: d.updatedAt.getTime(), b: null, c: null, d: null, e: null, f: null })),
  ];
}

function toPull(rows: ChangeRow[], cursor: number, more: boolean, sent?: { lessons: Map<string, LessonProgress>; drafts: Map<string, Draft> }): Omit<ProgressPull, "rejected"> {
  const out: Omit<ProgressPull, "rejected"> = { cursor, more, lessons: {}, drafts: {}, exercises: {} };
  for (const r of rows) {
    if (r.kind === "e") {
      out.exercises[r.id] = { lessonId: r.text ?? "", attempts: r.a ?? 0, failed: r.b ?? 0, maxHints: r.c ?? 0, passedAt: r.d, lastAt: r.e ?? 0 };
      continue;
    }
    if (r.seq > cursor) continue;
    if (r.kind === "l") {
      const lesson: LessonProgress = { firstOpenedAt: r.a!, lastOpenedAt: r.b!, position: r.c!, positionAt: r.d!, completedAt: r.e, secondsSpent: r.f! };
      // What the device has just sent it need not hear back.
      if (!sameLesson(sent?.lessons.get(r.id), lesson)) out.lessons[r.id] = lesson;
    } else {
      const draft: Draft = { code: r.text ?? "", updatedAt: r.a! };
      const own = sent?.drafts.get(r.id);
      if (!own || own.updatedAt !== draft.updatedAt || own.code !== draft.code) out.drafts[r.id] = draft;
    }
  }
  return out;
}

/** Answers what the device is missing in (after, upTo], a page at a time. */
async function pull(sql: Sql, userId: string, after: number, upTo: number, sent?: Parameters<typeof toPull>[3]): Promise<Omit<ProgressPull, "rejected">> {
  if (upTo <= after) return { cursor: upTo, more: false, lessons: {}, drafts: {}, exercises: {} };
  let rows = await readChanges(sql, userId, after, upTo);
  // A page ends before the stamp of the first row that did not fit, so no stamp is ever split between pages.
  let cursor = upTo;
  for (const [kind, limit] of [["l", PAGE.lessons], ["d", PAGE.drafts]] as const) {
    const ofKind = rows.filter((r) => r.kind === kind);
    if (ofKind.length > limit) cursor = Math.min(cursor, ofKind[limit]!.seq - 1);
  }
  if (cursor <= after) {
    cursor = after + 1;
    rows = await readWholeStamp(sql, userId, cursor);
  }
  return toPull(rows, cursor, cursor < upTo, sent);
}

/** A pull without changes: the learner's counter as it stands. */
async function readCounter(userId: string): Promise<WriteResult> {
  const sql = await readSql();
  const rows = await sql.query<{ progressSeq: unknown }>(`SELECT "progressSeq" FROM "User" WHERE "id" = ${sql.provider === "sqlite" ? "?" : "$1"}`, [userId]);
  return { inserted: new Set(), counter: rows[0] ? Number(rows[0].progressSeq) : null };
}

/** Thrown when the session names a user that no longer exists (a deleted account's leftover cookie). */
export class UnknownUserError extends Error {
  constructor() {
    super("This account no longer exists. Sign in again.");
    this.name = "UnknownUserError";
  }
}

/**
 * Applies one push and answers what the device is missing since its cursor. Items that cannot be stored (malformed,
 * too large, an attempt id that belongs to someone else) are refused one by one in `rejected`; the rest is applied.
 */
export async function applyProgressPush(userId: string, push: Required<Pick<ProgressPush, "lessons" | "drafts" | "attempts">> & { cursor: number | null }): Promise<ProgressPull> {
  const rejected: RejectedItem[] = [];
  const lessons = new Map<string, LessonProgress>();
  const drafts = new Map<string, Draft>();
  const attempts = new Map<string, Attempt>();
  for (const [id, value] of Object.entries(push.lessons)) {
    const r = parseItem("lesson", id, value);
    if (r.ok) lessons.set(id, r.value as LessonProgress);
    else rejected.push({ kind: "lesson", id: id.slice(0, 240), message: r.message });
  }
  for (const [id, value] of Object.entries(push.drafts)) {
    const r = parseItem("draft", id, value);
    if (r.ok) drafts.set(id, r.value as Draft);
    else rejected.push({ kind: "draft", id: id.slice(0, 240), message: r.message });
  }
  for (const value of push.attempts) {
    const r = parseItem("attempt", "", value);
    const id = typeof (value as { id?: unknown })?.id === "string" ? String((value as { id: string }).id).slice(0, 240) : "";
    if (r.ok) attempts.set((r.value as Attempt).id, r.value as Attempt);
    else rejected.push({ kind: "attempt", id, message: r.message });
  }

  const write: SaveWrite = { userId, cursor: push.cursor, lessons: [...lessons], drafts: [...drafts], attempts: [...attempts.values()] };
  const empty = !lessons.size && !drafts.size && !attempts.size;
  const written = empty ? await readCounter(userId) : clientProvider(db) === "sqlite" ? await sqliteWriter().submit(write) : await writeSave(await writeSql(), write);
  if (written.counter === null) throw new UnknownUserError();
  const notInserted = [...attempts.keys()].filter((id) => !written.inserted.has(id));
  if (notInserted.length) {
    // Already stored (a retried push) or someone else's: the latter is refused and left untouched.
    const foreign = await db.exerciseAttempt.findMany({ where: { id: { in: notInserted }, userId: { not: userId } }, select: { id: true } });
    for (const f of foreign) rejected.push({ kind: "attempt", id: f.id, message: "This attempt id belongs to another account." });
  }
  const upTo = written.counter;
  if (written.answer && !rejected.length) return { cursor: upTo, more: false, lessons: {}, drafts: {}, exercises: written.answer.exercises, rejected };
  // A cursor past the counter cannot be this account's (a restored database, a hand-made request): start over.
  const after = push.cursor === null || push.cursor > upTo ? -1 : push.cursor;
  return { ...(await pull(await readSql(), userId, after, upTo, { lessons, drafts })), rejected };
}

interface SaveWrite {
  userId: string;
  cursor: number | null;
  lessons: [string, LessonProgress][];
  drafts: [string, Draft][];
  attempts: Attempt[];
}

interface WriteResult {
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

/** The user's whole progress as one snapshot: every lesson and draft, and a summary of each exercise's attempts. */
export async function getProgressSnapshot(userId: string): Promise<ProgressSnapshot> {
  const [lessons, drafts, rows] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId } }),
    db.codeDraft.findMany({ where: { userId } }),
    readSql().then((sql) => readChanges(sql, userId, -1, 2_147_483_647)),
  ]);
  const { exercises } = toPull(rows.filter((r) => r.kind === "e"), 0, false);
  return {
    lessons: Object.fromEntries(
      lessons.map((l) => [
        l.lessonId,
        { firstOpenedAt: l.firstOpenedAt.getTime(), lastOpenedAt: l.lastOpenedAt.getTime(), position: l.position, positionAt: l.positionAt.getTime(), completedAt: l.completedAt?.getTime() ?? null, secondsSpent: l.secondsSpent },
      ]),
    ),
    drafts: Object.fromEntries(drafts.map((d) => [d.runnerId, { code: d.code, updatedAt: d.updatedAt.getTime() }])),
    attempts: [],
    exercises: exercises satisfies Record<string, ExerciseSummary>,
  };
}

/** UTC days (YYYY-MM-DD) with at least one exercise attempt in the last `days` days, for streaks. */
export async function listAttemptDays(userId: string, days = 400, now = Date.now()): Promise<string[]> {
  const since = new Date(now - days * 86_400_000);
  const rows =
    clientProvider(db) === "sqlite"
      ? await db.$queryRawUnsafe<{ day: string }[]>(`SELECT DISTINCT substr("createdAt", 1, 10) AS day FROM "ExerciseAttempt" WHERE "userId" = ? AND "createdAt" >= ?`, userId, isoTime(since.getTime()))
      : await db.$queryRawUnsafe<{ day: string }[]>(`SELECT DISTINCT to_char("createdAt", 'YYYY-MM-DD') AS day FROM "ExerciseAttempt" WHERE "userId" = $1 AND "createdAt" >= $2::timestamp(3)`, userId, isoTime(since.getTime()));
  return rows.map((r) => r.day);
}
