"use client";

import Link from "next/link";
import { continueLabel, continueTarget } from "@/lib/progress/model";
import { useProgress } from "./use-progress";
import "./progress.css";

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

/** "Continue" goes to the unfinished lesson opened last, or on to the next unfinished one (lib/progress/model.ts). */
export function ContinueButton({ lessons }: { lessons: { id: string; href: string; title: string }[] }) {
  const target = continueTarget(lessons, useProgress().lessons);
  if (!target) return null;
  return (
    <Link className="button button-primary" href={target.lesson.href}>
      {continueLabel(target)}
    </Link>
  );
}
