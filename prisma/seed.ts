// Demo data for a fresh install: three accounts and a class with a few learners. Idempotent: running it again
// changes nothing (upserts keyed by email / join code), so `npm start` can call it every time.
import path from "node:path";
import { pathToFileURL } from "node:url";
import bcrypt from "bcryptjs";
import { db as appDb, type Db } from "../lib/db/client";
import { loadDotEnv } from "../lib/db/load-env";
import { findLesson, loadCourse } from "../lib/content/discover";
import { readExerciseSource } from "../lib/content/exercise-source";

export const DEMO_PASSWORD = "interleave-demo";
export const DEMO_ACCOUNTS = [
  { email: "learner@interleave.dev", name: "Lee Learner", role: "learner" },
  { email: "teacher@interleave.dev", name: "Tess Teacher", role: "teacher" },
  { email: "author@interleave.dev", name: "Ari Author", role: "author" },
] as const;

const CLASSMATES = [
  { email: "ada@students.interleave.dev", name: "Ada Quinn" },
  { email: "bo@students.interleave.dev", name: "Bo Harris, Jr." },
  { email: "chen@students.interleave.dev", name: 'Chen "CJ" Jun' },
  { email: "dara@students.interleave.dev", name: "Dara Ó Briain" },
] as const;

/** Seeds `db` (the app's database by default); returns how many demo accounts it created (0 on later runs). */
export async function seed(db: Db = appDb): Promise<{ created: number }> {
  let created = 0;
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const users: Record<string, string> = {};
  for (const account of [...DEMO_ACCOUNTS, ...CLASSMATES.map((c) => ({ ...c, role: "learner" as const }))]) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (existing) {
      users[account.email] = existing.id;
      continue;
    }
    const user = await db.user.create({ data: { email: account.email, name: account.name, role: account.role, passwordHash: hash } });
    users[account.email] = user.id;
    created += 1;
  }

  const demoClass = await db.class.upsert({
    where: { joinCode: "DEMO-101" },
    create: { name: "Concurrency 101", description: "A demo class: the seeded learners have made some progress.", joinCode: "DEMO-101" },
    update: {},
  });
  await db.classTeacher.upsert({
    where: { classId_userId: { classId: demoClass.id, userId: users["teacher@interleave.dev"]! } },
    create: { classId: demoClass.id, userId: users["teacher@interleave.dev"]!, role: "owner" },
    update: {},
  });
  const day = 86_400_000;
  const now = Date.now();
  // Joined at different times; Dara joined ten days ago and has not started (a "needs help" signal).
  const learners: [string, number][] = [
    ["learner@interleave.dev", 12],
    ...CLASSMATES.map((c, i): [string, number] => [c.email, c.email.startsWith("dara") ? 10 : 12 - i]),
  ];
  for (const [email, daysAgo] of learners) {
    await db.enrollment.upsert({
      where: { classId_userId: { classId: demoClass.id, userId: users[email]! } },
      create: { classId: demoClass.id, userId: users[email]!, joinedAt: new Date(now - daysAgo * day) },
      update: {},
    });
  }

  // Two assignments: the first lesson overdue, the second due next week.
  for (const [target, dueInDays] of [
    ["concurrency-and-parallelism/doing-several-things", -3],
    ["concurrency-and-parallelism/waiting-versus-working", 5],
  ] as const) {
    await db.assignment.upsert({
      where: { classId_kind_target: { classId: demoClass.id, kind: "lesson", target } },
      create: { classId: demoClass.id, kind: "lesson", target, dueAt: new Date(now + dueInDays * day) },
      update: {},
    });
  }

  // Varied progress on the first chapter, only when the learner has none yet.
  const progress: [string, string, number, boolean][] = [
    ["ada@students.interleave.dev", "concurrency-and-parallelism/doing-several-things", 3, true],
    ["ada@students.interleave.dev", "concurrency-and-parallelism/waiting-versus-working", 2, true],
    ["bo@students.interleave.dev", "concurrency-and-parallelism/doing-several-things", 5, true],
    ["chen@students.interleave.dev", "concurrency-and-parallelism/doing-several-things", 1, false],
    ["learner@interleave.dev", "concurrency-and-parallelism/doing-several-things", 1, true],
  ];
  for (const [email, lessonId, daysAgo, completed] of progress) {
    const userId = users[email]!;
    const at = new Date(now - daysAgo * day);
    const exists = await db.lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } } });
    if (exists) continue;
    await db.lessonProgress.create({
      data: { userId, lessonId, firstOpenedAt: at, lastOpenedAt: at, position: completed ? 1 : 0.4, positionAt: at, completedAt: completed ? at : null, secondsSpent: completed ? 540 : 200 },
    });
  }

  // Exercise attempts (ids fixed, so a second run adds nothing): passes, retries with hints, and Chen stuck.
  const L2 = "concurrency-and-parallelism/waiting-versus-working";
  // Attempts on the course's own exercise of lesson 1.2 (classify-jobs), so the grid's column is a real one.
  const EX = `${L2}#classify-jobs`;
  const { starter, halfway, inverted, solved } = classifyJobsAttempts();
  const attempts: [string, string, string, string, boolean, number, number][] = [
    // [learner, lesson, exercise, code, passed, hints, days ago]
    ["ada@students.interleave.dev", L2, EX, starter, false, 0, 2.3],
    ["ada@students.interleave.dev", L2, EX, halfway, false, 1, 2.2],
    ["ada@students.interleave.dev", L2, EX, solved, true, 1, 2.1],
    ["bo@students.interleave.dev", L2, EX, solved, true, 0, 5],
    ["chen@students.interleave.dev", L2, EX, starter, false, 0, 1.4],
    ["chen@students.interleave.dev", L2, EX, inverted, false, 1, 1.3],
    ["chen@students.interleave.dev", L2, EX, halfway, false, 2, 1.2],
    ["chen@students.interleave.dev", L2, EX, halfway, false, 2, 1.1],
    ["learner@interleave.dev", L2, EX, starter, false, 1, 1.05],
  ];
  // New ids (e1…) since the attempts moved to a real exercise: an existing database gains these once.
  const ids = attempts.map((_, i) => `00000000-0000-4000-8000-e100${String(i).padStart(8, "0")}`);
  const known = new Set((await db.exerciseAttempt.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  for (const [i, [email, lessonId, exerciseId, code, passed, hintsUsed, daysAgo]] of attempts.entries()) {
    if (known.has(ids[i]!)) continue;
    const output = passed ? "cpu-bound\nio-bound\n0.3\nCheck passed." : "Check failed: not every answer is right yet.";
    await db.exerciseAttempt.create({ data: { id: ids[i]!, userId: users[email]!, lessonId, exerciseId, code, passed, hintsUsed, output, createdAt: new Date(now - daysAgo * day) } });
  }
  return { created };
}

/**
 * The demo learners' programs for lesson 1.2's classify-jobs, made from the exercise's own solution.py, so a teacher
 * opening an attempt sees what a learner of today's course typed: the starter, the starter with classify() solved,
 * the solution with the two answers of classify()'s return swapped, and the solution. Throws, naming the file, if the exercise no
 * longer has what these are made from (the seed would otherwise show code that is not the course's).
 */
export function classifyJobsAttempts() {
  const found = findLesson(loadCourse(), "concurrency-and-parallelism", "waiting-versus-working");
  if (!found) throw new Error("seed: lesson concurrency-and-parallelism/waiting-versus-working is gone; the demo attempts are made from its exercise classify-jobs");
  const { starter, solution, file } = readExerciseSource(path.join(found.lesson.dir, "exercises", "classify-jobs"));
  const classify = (program: string) => {
    const fn = /^def classify\(.*?(?=^\S)/ms.exec(program)?.[0];
    if (!fn) throw new Error(`seed: ${file} has no top-level classify() followed by more code; the demo attempts change that function`);
    return fn;
  };
  const swapped = classify(solution).replace(/^\s*return .*$/m, (line) =>
    line.replace(/"cpu-bound"|"io-bound"/g, (word) => (word === '"cpu-bound"' ? '"io-bound"' : '"cpu-bound"')),
  );
  if (swapped === classify(solution)) throw new Error(`seed: classify() in ${file} no longer answers "cpu-bound" or "io-bound"`);
  return {
    starter,
    halfway: starter.replace(classify(starter), classify(solution)),
    inverted: solution.replace(classify(solution), swapped),
    solved: solution,
  };
}

// Run directly (npm run db:seed / npm start); importing it (tests) does not seed.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  loadDotEnv();
  seed()
    .then(({ created }) => {
      console.log(created ? `Seeded ${created} demo account(s).` : "Demo data already present.");
      process.exit(0);
    })
    .catch((err: Error) => {
      console.error(`Seeding failed: ${err.message}`);
      process.exit(1);
    });
}
