import "server-only";
import { clientProvider, db } from "@/lib/db/client";
import { readSql, type Sql } from "@/lib/db/sql";
import { notifyLtiOutbox } from "./lti";
import {
  parseItem,
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
import { isoTime, PAGE, readChanges, type ChangeRow, type SaveWrite } from "./progress-sql";
import { writeProgress, type WriteResult } from "./progress-writer";

/**
 * Progress sync by deltas (issue 18). A device pushes what changed since its last acknowledged sync with its cursor;
 * the server applies it with a few monotonic SQL statements and answers with what the device is missing.
 *
 * The cursor. `User.progressSeq` counts the learner's committed changes. Every statement that changes a progress row
 * stamps it with `seq = progressSeq + 1` (the next value), reading the counter in the same statement, and the save
 * bumps the counter in the same transaction. A reader takes the counter S first and then the rows with
 * `cursor < seq <= S`; stamps and bump commit together, so every row stamped up to S is there. On SQLite a group of
 * saves (several learners) is one transaction of four statements, SQLite running one writer at a time; on PostgreSQL a
 * save is one statement that locks the learner's row first, so saves for one learner from many instances serialise
 * only on that row (progress-writer.ts). A row changed again later carries the later stamp. No interactive
 * transaction, no read-back of the whole snapshot.
 *
 * The merge rules are those of lib/progress/model.ts (earliest first visit, latest position, first completion,
 * largest reading time, newest draft, attempts inserted once by id), written as `ON CONFLICT ... DO UPDATE ... WHERE`
 * so an update that would change nothing does not touch the row (nor its stamp).

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
  const written = empty ? await readCounter(userId) : await writeProgress(write);
  if (written.counter === null) throw new UnknownUserError();
  // LMS grade passback: the counter moved, so this learner's LMS scores are due (lib/data/lti.ts); wake the worker.
  if (!empty) notifyLtiOutbox();
  const notInserted = [...attempts.keys()].filter((id) => !written.inserted.has(id));
  if (notInserted.length) {
    // Already stored (a retried push) or someone else's: the latter is refused and left untouched.
    const foreign = await db.exerciseAttempt.findMany({ where: { id: { in: notInserted }, userId: { not: userId } }, select: { id: true } });
    for (const f of foreign) rejected.push({ kind: "attempt", id: f.id, message: "This attempt id belongs to another account." });
  }
  const upTo = written.counter;
  if (written.answer && !rejected.length) return { cursor: upTo, more: false, lessons: written.answer.lessons ?? {}, drafts: written.answer.drafts ?? {}, exercises: written.answer.exercises, rejected };
  // A cursor past the counter cannot be this account's (a restored database, a hand-made request): start over.
  const after = push.cursor === null || push.cursor > upTo ? -1 : push.cursor;
  return { ...(await pull(await readSql(), userId, after, upTo, { lessons, drafts })), rejected };
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
