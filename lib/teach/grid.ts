/**
 * The class progress grid as a pure function of a few query results (lib/data/class-progress.ts runs the queries).
 * Kept free of Prisma and React so the same model feeds the page, the CSV export and the tests.
 *
 * Columns are the assigned lessons in course order, each followed by its exercises in the course (or, where the
 * outline does not list them, those seen in its learners' attempts; exercise ids follow the "chapter/lesson#name"
 * convention; the attempt also stores its lessonId).
 */

export interface OutlineLesson {
  id: string;
  title: string;
  href: string;
  /** The names of the lesson's exercises in the course, in order (absent: not known, the attempts decide). */
  exercises?: string[];
}
export interface OutlineChapter {
  slug: string;
  number: number;
  title: string;
  lessons: OutlineLesson[];
}
/** The course structure the grid needs (lib/content's Course without file paths). */
export interface CourseOutline {
  chapters: OutlineChapter[];
}

export interface AssignmentRow {
  id: string;
  kind: string;
  target: string;
  dueAt: Date | null;
}
export interface LearnerRow {
  id: string;
  name: string | null;
  email: string;
  joinedAt: Date;
}
export interface ProgressRow {
  userId: string;
  lessonId: string;
  lastOpenedAt: Date;
  completedAt: Date | null;
  secondsSpent: number;
}
/** One group of attempts: a learner's passed (or failed) attempts on one exercise. */
export interface AttemptGroup {
  userId: string;
  exerciseId: string;
  lessonId: string;
  passed: boolean;
  count: number;
  firstAt: Date;
  lastAt: Date;
  maxHints: number;
}

export type LessonStatus = "not-started" | "in-progress" | "completed";
export type ExerciseStatus = "not-started" | "in-progress" | "passed";

export interface GridItem {
  /** A lesson id, or an exercise id. */
  id: string;
  kind: "lesson" | "exercise";
  lessonId: string;
  /** The lesson title, or the exercise's name (the part after "#"). */
  title: string;
  /** "1.2" for lessons; the lesson's number for its exercises. */
  label: string;
  href: string;
  dueAt: number | null;
}

/** One cell; absent fields are zero/null, to keep 200 × 40 cells small on the wire. */
export interface GridCell {
  /** not started / in progress / completed (lessons) or passed (exercises). */
  s: LessonStatus | ExerciseStatus;
  /** Attempts (exercises). */
  n?: number;
  /** Failed attempts (exercises). */
  f?: number;
  /** Most hints used in an attempt (exercises). */
  h?: number;
  /** Last activity, ms since epoch. */
  t?: number;
  /** Finished (completed/passed) after the due date. */
  late?: true;
  /** Not finished and the due date has passed. */
  overdue?: true;
  /** Seconds spent reading (lessons). */
  sec?: number;
}

export type HelpReason =
  | { kind: "failing"; itemId: string; lessonId: string; failed: number }
  | { kind: "inactive"; days: number; never: boolean };

export interface GridRow {
  learner: { id: string; name: string; email: string; joinedAt: number };
  cells: GridCell[];
  /** Lessons completed plus exercises passed, among the grid's items. */
  done: number;
  lastActivity: number | null;
  help: HelpReason[];
}

export interface LessonSummary {
  lessonId: string;
  title: string;
  label: string;
  completed: number;
  started: number;
  medianSeconds: number | null;
}

export interface ExerciseSummary {
  exerciseId: string;
  lessonId: string;
  title: string;
  attempted: number;
  passed: number;
  failedAttempts: number;
  /** Mean attempts until the first pass, among those who passed. */
  meanAttemptsToPass: number | null;
}

export interface ClassGrid {
  items: GridItem[];
  rows: GridRow[];
  summary: { learners: number; lessons: LessonSummary[]; hardest: ExerciseSummary[] };
  thresholds: { failedAttempts: number; inactiveDays: number };
  generatedAt: number;
}

const DAY = 86_400_000;

export function exerciseName(exerciseId: string): string {
  const hash = exerciseId.indexOf("#");
  return hash >= 0 && hash < exerciseId.length - 1 ? exerciseId.slice(hash + 1) : exerciseId;
}

export function displayName(l: { name: string | null; email: string }): string {
  return l.name?.trim() || l.email;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * The lessons a class's assignments cover, in course order, each with its due date (a lesson assigned directly
 * and through its chapter keeps the earlier due date). Assignments whose target left the course are skipped.
 */
export function assignedLessons(outline: CourseOutline, assignments: AssignmentRow[]): { lesson: OutlineLesson; chapter: OutlineChapter; index: number; dueAt: number | null; assignmentIds: string[] }[] {
  const due = new Map<string, { dueAt: number | null; ids: string[] }>();
  const add = (lessonId: string, a: AssignmentRow) => {
    const d = a.dueAt?.getTime() ?? null;
    const prev = due.get(lessonId);
    if (!prev) due.set(lessonId, { dueAt: d, ids: [a.id] });
    else due.set(lessonId, { dueAt: prev.dueAt === null ? d : d === null ? prev.dueAt : Math.min(prev.dueAt, d), ids: [...prev.ids, a.id] });
  };
  for (const a of assignments) {
    if (a.kind === "chapter") {
      const chapter = outline.chapters.find((c) => c.slug === a.target);
      for (const l of chapter?.lessons ?? []) add(l.id, a);
    } else add(a.target, a);
  }
  const out = [];
  for (const chapter of outline.chapters) {
    for (const [index, lesson] of chapter.lessons.entries()) {
      const d = due.get(lesson.id);
      if (d) out.push({ lesson, chapter, index, dueAt: d.dueAt, assignmentIds: d.ids });
    }
  }
  return out;
}

export interface GridInput {
  outline: CourseOutline;
  assignments: AssignmentRow[];
  learners: LearnerRow[];
  progress: ProgressRow[];
  attempts: AttemptGroup[];
  thresholds: { failedAttempts: number; inactiveDays: number };
  now?: number;
}

export function buildGrid({ outline, assignments, learners, progress, attempts: allAttempts, thresholds, now = Date.now() }: GridInput): ClassGrid {
  const lessons = assignedLessons(outline, assignments);

  // Only attempts on exercises of assigned lessons that the course still has count: the columns, "needs help" and
  // the hardest exercises never name an exercise the class was not given or the course does not have (issue 21,
  // item 4). A lesson whose exercises are not known keeps every exercise seen in its attempts.
  const courseExercises = new Map(lessons.map(({ lesson }) => [lesson.id, lesson.exercises ? lesson.exercises.map((name) => `${lesson.id}#${name}`) : null]));
  const attempts = allAttempts.filter((g) => {
    const known = courseExercises.get(g.lessonId);
    return known !== undefined && (known === null || known.includes(g.exerciseId));
  });

  // Exercise columns: the lesson's exercises in course order, or every exercise id seen in its attempts, by name.
  const exercisesByLesson = new Map<string, Set<string>>();
  for (const g of attempts) {
    let set = exercisesByLesson.get(g.lessonId);
    if (!set) exercisesByLesson.set(g.lessonId, (set = new Set()));
    set.add(g.exerciseId);
  }
  const items: GridItem[] = [];
  for (const { lesson, chapter, index, dueAt } of lessons) {
    const label = `${chapter.number}.${index + 1}`;
    items.push({ id: lesson.id, kind: "lesson", lessonId: lesson.id, title: lesson.title, label, href: lesson.href, dueAt });
    const exercises = courseExercises.get(lesson.id) ?? [...(exercisesByLesson.get(lesson.id) ?? [])].sort((a, b) => a.localeCompare(b));
    for (const id of exercises) items.push({ id, kind: "exercise", lessonId: lesson.id, title: exerciseName(id), label, href: lesson.href, dueAt });
  }

  const progressByUser = new Map<string, Map<string, ProgressRow>>();
  for (const p of progress) {
    let m = progressByUser.get(p.userId);
    if (!m) progressByUser.set(p.userId, (m = new Map()));
    m.set(p.lessonId, p);
  }
  interface ExerciseAgg {
    lessonId: string;
    n: number;
    f: number;
    h: number;
    last: number;
    passedAt: number | null;
  }
  const attemptsByUser = new Map<string, Map<string, ExerciseAgg>>();
  for (const g of attempts) {
    let m = attemptsByUser.get(g.userId);
    if (!m) attemptsByUser.set(g.userId, (m = new Map()));
    const a = m.get(g.exerciseId) ?? { lessonId: g.lessonId, n: 0, f: 0, h: 0, last: 0, passedAt: null };
    a.n += g.count;
    if (!g.passed) a.f += g.count;
    else a.passedAt = a.passedAt === null ? g.firstAt.getTime() : Math.min(a.passedAt, g.firstAt.getTime());
    a.h = Math.max(a.h, g.maxHints);
    a.last = Math.max(a.last, g.lastAt.getTime());
    m.set(g.exerciseId, a);
  }

  const rows: GridRow[] = learners.map((learner) => {
    const mine = progressByUser.get(learner.id);
    const tries = attemptsByUser.get(learner.id);
    let done = 0;
    const cells = items.map((item): GridCell => {
      if (item.kind === "lesson") {
        const p = mine?.get(item.id);
        if (!p) return item.dueAt !== null && item.dueAt < now ? { s: "not-started", overdue: true } : { s: "not-started" };
        const completed = p.completedAt?.getTime() ?? null;
        const cell: GridCell = { s: completed !== null ? "completed" : "in-progress", t: Math.max(p.lastOpenedAt.getTime(), completed ?? 0) };
        if (p.secondsSpent) cell.sec = p.secondsSpent;
        if (completed !== null) done += 1;
        if (item.dueAt !== null && (completed !== null ? completed > item.dueAt : item.dueAt < now)) cell[completed !== null ? "late" : "overdue"] = true;
        return cell;
      }
      const a = tries?.get(item.id);
      if (!a) return item.dueAt !== null && item.dueAt < now ? { s: "not-started", overdue: true } : { s: "not-started" };
      const cell: GridCell = { s: a.passedAt !== null ? "passed" : "in-progress", n: a.n, t: a.last };
      if (a.f) cell.f = a.f;
      if (a.h) cell.h = a.h;
      if (a.passedAt !== null) done += 1;
      if (item.dueAt !== null && (a.passedAt !== null ? a.passedAt > item.dueAt : item.dueAt < now)) cell[a.passedAt !== null ? "late" : "overdue"] = true;
      return cell;
    });

    // Activity anywhere in the course counts, not only in assigned lessons.
    let last: number | null = null;
    for (const p of mine?.values() ?? []) last = Math.max(last ?? 0, p.lastOpenedAt.getTime(), p.completedAt?.getTime() ?? 0);
    for (const a of tries?.values() ?? []) last = Math.max(last ?? 0, a.last);

    const help: HelpReason[] = [];
    for (const [exerciseId, a] of tries ?? []) {
      if (a.passedAt === null && a.f >= thresholds.failedAttempts) help.push({ kind: "failing", itemId: exerciseId, lessonId: a.lessonId, failed: a.f });
    }
    help.sort((x, y) => (y.kind === "failing" ? y.failed : 0) - (x.kind === "failing" ? x.failed : 0));
    const since = Math.max(last ?? 0, learner.joinedAt.getTime());
    const idleDays = Math.floor((now - since) / DAY);
    if (idleDays >= thresholds.inactiveDays) help.push({ kind: "inactive", days: idleDays, never: last === null });

    return {
      learner: { id: learner.id, name: displayName(learner), email: learner.email, joinedAt: learner.joinedAt.getTime() },
      cells,
      done,
      lastActivity: last,
      help,
    };
  });
  rows.sort((a, b) => a.learner.name.localeCompare(b.learner.name));

  // Summary: completion and median reading time per assigned lesson; the hardest exercises.
  const enrolled = new Set(learners.map((l) => l.id));
  const lessonSummaries: LessonSummary[] = lessons.map(({ lesson, chapter, index }) => {
    const rowsFor = progress.filter((p) => p.lessonId === lesson.id && enrolled.has(p.userId));
    const completedRows = rowsFor.filter((p) => p.completedAt);
    return {
      lessonId: lesson.id,
      title: lesson.title,
      label: `${chapter.number}.${index + 1}`,
      completed: completedRows.length,
      started: rowsFor.length,
      medianSeconds: median(completedRows.map((p) => p.secondsSpent).filter((s) => s > 0)),
    };
  });
  const byExercise = new Map<string, ExerciseSummary & { toPass: number[] }>();
  for (const [userId, m] of attemptsByUser) {
    if (!enrolled.has(userId)) continue;
    for (const [exerciseId, a] of m) {
      const e = byExercise.get(exerciseId) ?? { exerciseId, lessonId: a.lessonId, title: exerciseName(exerciseId), attempted: 0, passed: 0, failedAttempts: 0, meanAttemptsToPass: null, toPass: [] };
      e.attempted += 1;
      e.failedAttempts += a.f;
      if (a.passedAt !== null) {
        e.passed += 1;
        // Attempts up to the first pass: failures are all before it unless the learner kept trying after passing.
        e.toPass.push(Math.min(a.n, a.f + 1));
      }
      byExercise.set(exerciseId, e);
    }
  }
  const hardest = [...byExercise.values()]
    .filter((e) => e.failedAttempts > 0)
    .map(({ toPass, ...e }) => ({ ...e, meanAttemptsToPass: toPass.length ? Math.round((toPass.reduce((s, x) => s + x, 0) / toPass.length) * 10) / 10 : null }))
    .sort((a, b) => a.passed / a.attempted - b.passed / b.attempted || b.failedAttempts / b.attempted - a.failedAttempts / a.attempted || a.exerciseId.localeCompare(b.exerciseId))
    .slice(0, 5);

  return { items, rows, summary: { learners: learners.length, lessons: lessonSummaries, hardest }, thresholds, generatedAt: now };
}

/** The text a cell stands for, in words (CSV, screen readers, the detail dialog). */
export function describeCell(item: GridItem, cell: GridCell): string {
  const parts: string[] = [];
  if (item.kind === "lesson") parts.push(cell.s === "completed" ? "completed" : cell.s === "in-progress" ? "in progress" : "not started");
  else if (cell.s === "not-started") parts.push("not started");
  else {
    parts.push(cell.s === "passed" ? "passed" : "not passed yet");
    parts.push(`${cell.n ?? 0} ${cell.n === 1 ? "attempt" : "attempts"}`);
    if (cell.h) parts.push(`${cell.h} ${cell.h === 1 ? "hint" : "hints"}`);
  }
  if (cell.late) parts.push("late");
  if (cell.overdue) parts.push("overdue");
  return parts.join(", ");
}

/** One field of RFC 4180 CSV. Fields that a spreadsheet would run as a formula get a leading apostrophe (OWASP). */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The grid as CSV: one row per learner, one column per item. Starts with a BOM so spreadsheets read UTF-8. */
export function gridToCsv(grid: ClassGrid): string {
  const header = ["Learner", "Email", "Completed or passed", "Last activity (UTC)", ...grid.items.map((i) => (i.kind === "lesson" ? `${i.label} ${i.title}` : `${i.label} ${i.title} (exercise)`))];
  const lines = [header.map(csvField).join(",")];
  for (const row of grid.rows) {
    lines.push(
      [
        row.learner.name,
        row.learner.email,
        `${row.done} of ${grid.items.length}`,
        row.lastActivity ? new Date(row.lastActivity).toISOString().slice(0, 16).replace("T", " ") : "",
        ...grid.items.map((item, i) => describeCell(item, row.cells[i]!)),
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------- Wire format ----------
// A 200 × 40 grid is 8,000 cells; as JSON objects they dominated the page's size. Each row's cells travel as one
// string instead: cells separated by spaces, each "<status><attempts>.<failed>.<hints>.<time>.<seconds><flag>",
// numbers in base 36 (time in seconds), empty when zero, status n/i/c/p, flag L (late) or O (overdue).

const STATUS_CODE: Record<GridCell["s"], string> = { "not-started": "n", "in-progress": "i", completed: "c", passed: "p" };
const CODE_STATUS: Record<string, GridCell["s"]> = { n: "not-started", i: "in-progress", c: "completed", p: "passed" };
const b36 = (n: number | undefined) => (n ? n.toString(36) : "");

export function encodeCells(cells: GridCell[]): string {
  return cells
    .map((c) => {
      const flag = c.late ? "L" : c.overdue ? "O" : "";
      if (c.s === "not-started") return `n${flag}`;
      return `${STATUS_CODE[c.s]}${b36(c.n)}.${b36(c.f)}.${b36(c.h)}.${b36(c.t === undefined ? undefined : Math.round(c.t / 1000))}.${b36(c.sec)}${flag}`;
    })
    .join(" ");
}

export function decodeCells(encoded: string): GridCell[] {
  if (!encoded) return [];
  return encoded.split(" ").map((token) => {
    const s = CODE_STATUS[token[0]!] ?? "not-started";
    const flag = token.at(-1);
    const body = token.slice(1, flag === "L" || flag === "O" ? -1 : undefined);
    const cell: GridCell = { s };
    if (body) {
      const [n, f, h, t, sec] = body.split(".").map((x) => (x ? parseInt(x, 36) : 0));
      if (n) cell.n = n;
      if (f) cell.f = f;
      if (h) cell.h = h;
      if (t) cell.t = t * 1000;
      if (sec) cell.sec = sec;
    }
    if (flag === "L") cell.late = true;
    if (flag === "O") cell.overdue = true;
    return cell;
  });
}

/** A help signal on the wire: a failing exercise names its grid column when it has one. */
export type WireHelp = { kind: "failing"; item: number | string; failed: number } | { kind: "inactive"; days: number; never: boolean };

/** A row as the page sends it to the browser. */
export type WireRow = Omit<GridRow, "cells" | "help"> & { cells: string; help: WireHelp[] };

export function toWireRows(rows: GridRow[], items: GridItem[]): WireRow[] {
  const column = new Map(items.map((item, i) => [item.id, i]));
  return rows.map((r) => ({
    ...r,
    cells: encodeCells(r.cells),
    help: r.help.map((h): WireHelp => (h.kind === "failing" ? { kind: "failing", item: column.get(h.itemId) ?? h.itemId, failed: h.failed } : h)),
  }));
}

export function fromWireRows(rows: WireRow[], items: GridItem[]): GridRow[] {
  return rows.map((r) => ({
    ...r,
    cells: decodeCells(r.cells),
    help: r.help.map((h): HelpReason => {
      if (h.kind !== "failing") return h;
      const itemId = typeof h.item === "number" ? (items[h.item]?.id ?? "") : h.item;
      return { kind: "failing", itemId, lessonId: itemId.split("#")[0] ?? "", failed: h.failed };
    }),
  }));
}
