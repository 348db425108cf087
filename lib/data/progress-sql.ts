import "server-only";
import type { Sql } from "@/lib/db/sql";
import { PUSH_LIMITS, type Attempt, type Draft, type LessonProgress } from "@/lib/progress/model";

/**
 * The SQL of progress sync (lib/data/progress.ts explains the cursor and the stamps): the monotonic upserts a save
 * is made of, written once for SQLite and PostgreSQL, and the one statement that reads what changed in a range of
 * stamps. Each statement takes its rows as one JSON array parameter, so a statement's text does not depend on how
 * many rows it carries, and a group of saves (several learners, see progress-writer.ts) is one statement per kind.
 */

/** One save as the writers apply it: the items that passed their checks, for one learner. */
export interface SaveWrite {
  userId: string;
  cursor: number | null;
  lessons: [string, LessonProgress][];
  drafts: [string, Draft][];
  attempts: Attempt[];
}

/** Rows of each kind answered per pull; a push carries at most as many, so one push's rows always fit one page. */
export const PAGE = { lessons: PUSH_LIMITS.lessons, drafts: PUSH_LIMITS.drafts } as const;

export type Dialect = "sqlite" | "postgresql";

/** Timestamps as Prisma stores them in SQLite (ISO text with an explicit UTC offset); PostgreSQL parses the same. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

function placeholders(dialect: Dialect) {
  let n = 0;
  return () => (dialect === "sqlite" ? "?" : `$${++n}`);
}

/** The items of a JSON array parameter as a table `v` with typed columns. */
function jsonRows(dialect: Dialect, param: string, columns: [name: string, pgType: string][]): string {
  if (dialect === "sqlite") {
    return `(SELECT ${columns.map(([c]) => `json_extract(value, '$.${c}') AS "${c}"`).join(", ")} FROM json_each(${param})) v`;
  }
  return `jsonb_to_recordset(${param}::jsonb) AS v(${columns.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;
}

function least(dialect: Dialect, a: string, b: string) {
  return dialect === "sqlite" ? `min(${a}, ${b})` : `LEAST(${a}, ${b})`;
}
function greatest(dialect: Dialect, a: string, b: string) {
  return dialect === "sqlite" ? `max(${a}, ${b})` : `GREATEST(${a}, ${b})`;
}
/** Milliseconds since 1970 of a stored timestamp, as a number. */
export function epochMs(dialect: Dialect, column: string) {
  return dialect === "sqlite"
    ? `CAST(round((julianday(${column}) - 2440587.5) * 86400000.0) AS INTEGER)`
    : `round(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;
}

/*
 * The three upserts as statement text. `rows` is the placeholder of the JSON array parameter (lessonRows, draftRows,
 * attemptRows) and `user` a table `u` of the learners' rows with their counters: every row is stamped with the
 * counter's next value, read in the same statement. The SQLite group writer joins "User" itself (it holds the only
 * write lock); PostgreSQL's single-statement save (progress-writer.ts) joins its locked row.
 */

export function lessonsUpsert(dialect: Dialect, rows: string, user: string): string {
  const t = `"LessonProgress"`;
  // The completion: the earliest of the two, where either may be missing (PostgreSQL's LEAST skips NULLs, SQLite's
  // min() does not).
  const completed =
    dialect === "sqlite"
      ? `CASE WHEN ${t}."completedAt" IS NULL THEN excluded."completedAt" WHEN excluded."completedAt" IS NULL THEN ${t}."completedAt" ELSE min(${t}."completedAt", excluded."completedAt") END`
      : `LEAST(${t}."completedAt", excluded."completedAt")`;
  return `INSERT INTO ${t} ("userId", "lessonId", "firstOpenedAt", "lastOpenedAt", "position", "positionAt", "completedAt", "secondsSpent", "seq")
SELECT u."id", v."lessonId", v."firstOpenedAt", v."lastOpenedAt", v."position", v."positionAt", v."completedAt", v."secondsSpent", u."progressSeq" + 1
FROM ${jsonRows(dialect, rows, [
    ["userId", "text"],
    ["lessonId", "text"],
    ["firstOpenedAt", "timestamp(3)"],
    ["lastOpenedAt", "timestamp(3)"],
    ["position", "float8"],
    ["positionAt", "timestamp(3)"],
    ["completedAt", "timestamp(3)"],
    ["secondsSpent", "integer"],
  ])} JOIN ${user} ON u."id" = v."userId"
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
}

export function lessonRows(saves: SaveWrite[]): string {
  return JSON.stringify(
    saves.flatMap((w) =>
      w.lessons.map(([lessonId, l]) => ({
        userId: w.userId,
        lessonId,
        firstOpenedAt: isoTime(l.firstOpenedAt),
        lastOpenedAt: isoTime(l.lastOpenedAt),
        position: l.position,
        positionAt: isoTime(l.positionAt),
        completedAt: l.completedAt === null ? null : isoTime(l.completedAt),
        secondsSpent: l.secondsSpent,
      })),
    ),
  );
}

export function draftsUpsert(dialect: Dialect, rows: string, user: string): string {
  return `INSERT INTO "CodeDraft" ("userId", "runnerId", "code", "updatedAt", "seq")
SELECT u."id", v."runnerId", v."code", v."updatedAt", u."progressSeq" + 1
FROM ${jsonRows(dialect, rows, [
    ["userId", "text"],
    ["runnerId", "text"],
    ["code", "text"],
    ["updatedAt", "timestamp(3)"],
  ])} JOIN ${user} ON u."id" = v."userId"
WHERE true
ON CONFLICT ("userId", "runnerId") DO UPDATE SET "code" = excluded."code", "updatedAt" = excluded."updatedAt", "seq" = excluded."seq"
WHERE excluded."updatedAt" > "CodeDraft"."updatedAt"`;
}

export function draftRows(saves: SaveWrite[]): string {
  return JSON.stringify(saves.flatMap((w) => w.drafts.map(([runnerId, d]) => ({ userId: w.userId, runnerId, code: d.code, updatedAt: isoTime(d.updatedAt) }))));
}

/** Inserts the attempts not stored yet, answering the rows it inserted with the given RETURNING columns. */
export function attemptsInsert(dialect: Dialect, rows: string, user: string, returning: string): string {
  return `INSERT INTO "ExerciseAttempt" ("id", "userId", "exerciseId", "lessonId", "code", "passed", "hintsUsed", "output", "createdAt", "seq")
SELECT v."id", u."id", v."exerciseId", v."lessonId", v."code", v."passed", v."hintsUsed", v."output", v."createdAt", u."progressSeq" + 1
FROM ${jsonRows(dialect, rows, [
    ["userId", "text"],
    ["id", "text"],
    ["exerciseId", "text"],
    ["lessonId", "text"],
    ["code", "text"],
    ["passed", "boolean"],
    ["hintsUsed", "integer"],
    ["output", "text"],
    ["createdAt", "timestamp(3)"],
  ])} JOIN ${user} ON u."id" = v."userId"
WHERE true
ON CONFLICT ("id") DO NOTHING
RETURNING ${returning}`;
}

export function attemptRows(saves: SaveWrite[]): string {
  return JSON.stringify(
    saves.flatMap((w) =>
      w.attempts.map((a) => ({ userId: w.userId, id: a.id, exerciseId: a.exerciseId, lessonId: a.lessonId, code: a.code, passed: a.passed, hintsUsed: a.hintsUsed, output: a.output, createdAt: isoTime(a.at) })),
    ),
  );
}

export interface ChangeRow {
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
export async function readChanges(sql: Sql, userId: string, after: number, upTo: number): Promise<ChangeRow[]> {
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
