"use client";

import Link from "next/link";
import { useProgress } from "./use-progress";

export function LessonStatus({ lessonId }: { lessonId: string }) {
  const p = useProgress().lessons[lessonId];
  if (!p) return null;
  const status = p.completedAt ? "completed" : "in-progress";
  return (
    <span className="status-badge" data-status={status}>
      {status === "completed" ? "✓ Completed" : "In progress"}
    </span>
  );
}

export function ChapterProgress({ lessonIds }: { lessonIds: string[] }) {
  const lessons = useProgress().lessons;
  const done = lessonIds.filter((id) => lessons[id]?.completedAt).length;
  const started = lessonIds.some((id) => lessons[id]);
  if (!started) return null;
  const pct = Math.round((done / lessonIds.length) * 100);
  return (
    <div className="chapter-progress">
      <span className="progress-bar" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label="Chapter progress">
        <span style={{ width: `${pct}%` }} />
      </span>
      {done} of {lessonIds.length} lessons completed
    </div>
  );
}

/** "Continue" goes to the lesson opened most recently; before any progress it starts the course. */
export function ContinueButton({ lessons }: { lessons: { id: string; href: string; title: string }[] }) {
  const progress = useProgress().lessons;
  let latest: { href: string; title: string; at: number } | null = null;
  for (const l of lessons) {
    const p = progress[l.id];
    if (p && (!latest || p.lastOpenedAt > latest.at)) latest = { href: l.href, title: l.title, at: p.lastOpenedAt };
  }
  const first = lessons[0];
  if (!latest && !first) return null;
  return latest ? (
    <Link className="button button-primary" href={latest.href}>
      Continue: {latest.title}
    </Link>
  ) : (
    <Link className="button button-primary" href={first!.href}>
      Start the course
    </Link>
  );
}
