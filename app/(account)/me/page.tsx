import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { AccountSync } from "@/components/progress/account-sync";
import { LocalTime } from "@/components/ui/local-time";
import { MyClasses } from "@/components/teach/my-classes";
import { getCourse } from "@/lib/content/discover";
import { listMyClasses } from "@/lib/data/classes";
import { getProgressSnapshot, listAttemptDays } from "@/lib/data/progress";
import { activityDays, continueLabel, continueTarget, currentStreak } from "@/lib/progress/model";
import { joinClassAction, leaveClassAction } from "../class-actions";
import "./dashboard.css";

export const metadata: Metadata = { title: "My progress" };
export const dynamic = "force-dynamic";

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string; joined?: string; already?: string; left?: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/me");
  const { welcome, joined, already, left } = await searchParams;
  const [snapshot, attemptDays, classes, course] = [await getProgressSnapshot(user.id), await listAttemptDays(user.id), await listMyClasses(user.id), getCourse()];

  const completed = course.lessons.filter((l) => snapshot.lessons[l.id]?.completedAt);
  const passedExercises = Object.values(snapshot.exercises).filter((e) => e.passedAt !== null);
  const seconds = Object.values(snapshot.lessons).reduce((s, l) => s + l.secondsSpent, 0);
  const days = activityDays(snapshot);
  for (const d of attemptDays) days.add(d);
  const streak = currentStreak(days);
  const next = continueTarget(
    course.lessons.map((l) => ({ id: l.id, href: l.href, title: l.frontmatter.title })),
    snapshot.lessons,
  );
  const chart = course.chapters.map((c) => ({
    title: c.frontmatter.title,
    number: c.number,
    total: c.lessons.length,
    done: c.lessons.filter((l) => snapshot.lessons[l.id]?.completedAt).length,
  }));

  return (
    <main id="main" className="page dashboard">
      <h1>{welcome ? `Welcome, ${user.name ?? "learner"}!` : `${user.name ?? "Your"}'s progress`}</h1>
      <AccountSync welcome={Boolean(welcome)} />
      <dl className="stats">
        <div>
          <dt>Lessons completed</dt>
          <dd>
            {completed.length} <small>of {course.lessons.length}</small>
          </dd>
        </div>
        <div>
          <dt>Exercises passed</dt>
          <dd>{passedExercises.length}</dd>
        </div>
        <div>
          <dt>Time spent reading</dt>
          <dd>{formatDuration(seconds)}</dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>
            {streak} <small>{streak === 1 ? "day" : "days"}</small>
          </dd>
        </div>
      </dl>
      {next ? (
        <p>
          <Link className="button button-primary" href={next.lesson.href}>
            {continueLabel(next)}
          </Link>
        </p>
      ) : null}
      <MyClasses
        classes={classes.map((c) => ({ ...c, assignments: c.assignments.map((a) => ({ ...a, dueAt: a.dueAt?.getTime() ?? null, completedAt: a.completedAt?.getTime() ?? null })) }))}
        joinAction={joinClassAction}
        leaveAction={leaveClassAction}
        joinedId={joined}
        already={already === "1"}
        left={left === "1"}
      />
      <section aria-labelledby="chart-title">
        <h2 id="chart-title">Progress by chapter</h2>
        <svg className="chapter-chart" viewBox={`0 0 640 ${chart.length * 44 + 10}`} role="img" aria-labelledby="chart-desc">
          <desc id="chart-desc">{chart.map((c) => `Chapter ${c.number}: ${c.done} of ${c.total} lessons completed.`).join(" ")}</desc>
          {chart.map((c, i) => {
            const y = i * 44 + 8;
            const width = c.total ? (c.done / c.total) * 360 : 0;
            return (
              <g key={c.number}>
                <text x="0" y={y + 20} className="chart-label">
                  {c.number}. {c.title.length > 30 ? `${c.title.slice(0, 29)}…` : c.title}
                </text>
                <rect x="260" y={y + 6} width="360" height="20" rx="4" className="chart-track" />
                <rect x="260" y={y + 6} width={width} height="20" rx="4" className="chart-bar" />
                <text x="626" y={y + 21} textAnchor="end" className="chart-value">
                  {c.done}/{c.total}
                </text>
              </g>
            );
          })}
        </svg>
      </section>
      <section aria-labelledby="completed-title">
        <h2 id="completed-title">Completed lessons</h2>
        {completed.length ? (
          <ul>
            {completed.map((l) => (
              <li key={l.id}>
                <Link href={l.href}>{l.frontmatter.title}</Link> — <LocalTime at={snapshot.lessons[l.id]!.completedAt!} withTime={false} />
              </li>
            ))}
          </ul>
        ) : (
          <p>None yet. Mark a lesson complete at its end.</p>
        )}
      </section>
    </main>
  );
}
