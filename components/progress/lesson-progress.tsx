"use client";

import { LocalTime } from "@/components/ui/local-time";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { progressStore } from "./progress-store";
import { useProgress, useSyncProblems, useSyncState } from "./use-progress";
import "./progress.css";

function readingPosition(): number {
  const doc = document.documentElement;
  const max = doc.scrollHeight - window.innerHeight;
  return max <= 0 ? 1 : Math.min(1, Math.max(0, window.scrollY / max));
}

/** Records that the lesson was opened, how far the learner read and how long the page was visible. */
export function LessonProgressTracker({ lessonId }: { lessonId: string }) {
  const lastTick = useRef(0);
  const [resumeAt, setResumeAt] = useState<number | null>(null);

  useEffect(() => {
    const before = progressStore.getSnapshot().lessons[lessonId];
    progressStore.openLesson(lessonId);
    if (before && before.position > 0.05 && before.position < 0.98 && !window.location.hash) {
      // Offered, not forced: jumping the page on load would disorient.
      queueMicrotask(() => setResumeAt(before.position));
    }
    lastTick.current = performance.now();
    let pending: ReturnType<typeof setTimeout> | undefined;

    const record = () => {
      const now = performance.now();
      const visibleSeconds = document.visibilityState === "visible" ? Math.min(60, (now - lastTick.current) / 1000) : 0;
      lastTick.current = now;
      progressStore.readLesson(lessonId, readingPosition(), visibleSeconds);
    };
    const onScroll = () => {
      clearTimeout(pending);
      pending = setTimeout(record, 1500);
    };
    const interval = setInterval(record, 30_000);
    window.addEventListener("scroll", onScroll, { passive: true });
    document.addEventListener("visibilitychange", record);
    return () => {
      record();
      clearTimeout(pending);
      clearInterval(interval);
      window.removeEventListener("scroll", onScroll);
      document.removeEventListener("visibilitychange", record);
    };
  }, [lessonId]);

  if (resumeAt === null) return null;
  return (
    <div className="resume-banner" role="region" aria-label="Resume reading">
      <span>You read {Math.round(resumeAt * 100)}% of this lesson last time.</span>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          const doc = document.documentElement;
          window.scrollTo({ top: resumeAt * (doc.scrollHeight - window.innerHeight), behavior: "smooth" });
          setResumeAt(null);
        }}
      >
        Continue where I left off
      </button>
      <button type="button" className="button button-small" onClick={() => setResumeAt(null)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

const SYNC_LABELS = {
  local: "Progress is saved on this device. Sign in to keep it everywhere.",
  saving: "Saving…",
  saved: "Saved to your account.",
  pending: "Offline: saved on this device, will sync when you are back online.",
  error: "Could not reach the server; will retry. Your progress is safe on this device.",
} as const;

export function MarkComplete({ lessonId, nextHref }: { lessonId: string; nextHref?: string }) {
  const progress = useProgress();
  const sync = useSyncState();
  const problems = useSyncProblems();
  const completedAt = progress.lessons[lessonId]?.completedAt ?? null;
  return (
    <section className="mark-complete" aria-label="Lesson completion">
      {completedAt ? (
        <p className="mark-complete-done">
          <span aria-hidden="true">✓</span> Completed on <LocalTime at={completedAt} withTime={false} />
          {nextHref ? (
            <Link className="button button-primary button-small" href={nextHref}>
              Next lesson →
            </Link>
          ) : null}
        </p>
      ) : (
        <button type="button" className="button button-primary" onClick={() => progressStore.completeLesson(lessonId)}>
          Mark lesson as complete
        </button>
      )}
      <p className="sync-state" role="status" aria-live="polite" data-sync={sync}>
        {SYNC_LABELS[sync]}
      </p>
      <SyncProblems problems={problems} />
    </section>
  );
}

const KIND_NAMES = { lesson: "lesson progress", draft: "saved program", attempt: "exercise attempt" } as const;

/** Why some progress did not reach the account: kept on this device, named so the learner can act on it. */
function SyncProblems({ problems }: { problems: ReturnType<typeof useSyncProblems> }) {
  const { refused, message } = problems;
  if (!refused.length && !message) return null;
  return (
    <div className="sync-problems" role="alert">
      {message ? <p>{message}</p> : null}
      {refused.length ? (
        <>
          <p>
            {refused.length === 1 ? "One change" : `${refused.length} changes`} could not be saved to your account and {refused.length === 1 ? "is" : "are"} kept on this
            device only:
          </p>
          <ul>
            {refused.slice(0, 3).map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                {KIND_NAMES[r.kind]} <code>{r.id}</code>: {r.message}
              </li>
            ))}
            {refused.length > 3 ? <li>and {refused.length - 3} more</li> : null}
          </ul>
        </>
      ) : null}
    </div>
  );
}
