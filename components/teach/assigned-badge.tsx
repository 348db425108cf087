"use client";

import "./teach.css";
import { useSyncExternalStore } from "react";
import { useProgress } from "@/components/progress/use-progress";
import { formatLocalTime, LocalTime } from "@/components/ui/local-time";

interface Assigned {
  lessonId: string;
  dueAt: number | null;
  className: string;
  /** Worked out when the list arrives (render stays pure). */
  overdue?: boolean;
}

/** The signed-in learner's assigned lessons, fetched once per page load (the catalog itself is static). */
let assigned: Map<string, Assigned> | null = null;
let loading = false;
const listeners = new Set<() => void>();

function load() {
  if (loading || assigned || typeof window === "undefined") return;
  loading = true;
  fetch("/api/me/assignments", { credentials: "same-origin", cache: "no-store" })
    .then((r) => (r.ok ? (r.json() as Promise<{ assignments: Assigned[] }>) : { assignments: [] }))
    .then(({ assignments }) => {
      const now = Date.now();
      assigned = new Map(assignments.map((a) => [a.lessonId, { ...a, overdue: a.dueAt !== null && a.dueAt < now }]));
    })
    .catch(() => {
      assigned = new Map();
    })
    .finally(() => {
      loading = false;
      listeners.forEach((l) => l());
    });
}

function subscribe(listener: () => void) {
  // The first badge of a page load asks again: the learner may have signed in or joined a class since.
  if (listeners.size === 0 && !loading) assigned = null;
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

/** "Due 3 Dec 2026" next to an assigned lesson in the catalog (overdue in red) until the learner completes it. */
export function AssignedBadge({ lessonId }: { lessonId: string }) {
  const a = useSyncExternalStore(
    subscribe,
    () => assigned?.get(lessonId),
    () => undefined,
  );
  const completed = Boolean(useProgress().lessons[lessonId]?.completedAt);
  // A completed lesson's "✓ Completed" badge says all there is to say.
  if (!a || completed) return null;
  const { overdue } = a;
  return (
    <span className="status-badge assigned-badge" data-status={overdue ? "overdue" : "assigned"} title={`Assigned in ${a.className}${a.dueAt === null ? "" : `, due ${formatLocalTime(a.dueAt)}`}`}>
      {a.dueAt === null ? (
        "Assigned"
      ) : overdue ? (
        <>
          Overdue (<LocalTime at={a.dueAt} withTime={false} />)
        </>
      ) : (
        <>
          Due <LocalTime at={a.dueAt} withTime={false} />
        </>
      )}
    </span>
  );
}
