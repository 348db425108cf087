// Demo data for a fresh install: three accounts and a class with a few learners. Idempotent: running it again
// changes nothing (upserts keyed by email / join code), so `npm start` can call it every time.
import path from "node:path";
import { pathToFileURL } from "node:url";
import bcrypt from "bcryptjs";
import { db as appDb, type Db } from "../lib/db/client";
import { loadDotEnv } from "../lib/db/load-env";

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
  const learners = ["learner@interleave.dev", ...CLASSMATES.map((c) => c.email)];
  for (const email of learners) {
    await db.enrollment.upsert({
      where: { classId_userId: { classId: demoClass.id, userId: users[email]! } },
      create: { classId: demoClass.id, userId: users[email]! },
      update: {},
    });
  }

  // Varied progress on the first chapter, only when the learner has none yet.
  const day = 86_400_000;
  const now = Date.now();
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
  return { created };
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
