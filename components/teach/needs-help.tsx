"use client";

import { useId, useMemo, useState } from "react";
import type { GridItem, GridRow } from "@/lib/teach/grid";

/** Learners listed under "Needs help" before "Show all". */
const HELP_SHOWN = 12;

/** Who needs the teacher now: failing an exercise again and again, or inactive (thresholds set per class). */
export function NeedsHelp({
  rows,
  itemById,
  thresholds,
  onOpen,
}: {
  rows: GridRow[];
  itemById: Map<string, GridItem>;
  thresholds: { failedAttempts: number; inactiveDays: number };
  onOpen: (cell: { learnerId: string; itemId: string }) => void;
}) {
  const [allHelp, setAllHelp] = useState(false);
  const ids = useId();
  const needsHelp = useMemo(() => rows.filter((r) => r.help.length > 0).sort((a, b) => b.help.length - a.help.length || a.learner.name.localeCompare(b.learner.name)), [rows]);
  return (
    <section aria-labelledby={`${ids}-help`} className="needs-help">
      <h2 id={`${ids}-help`}>Needs help</h2>
      {needsHelp.length ? (
        <>
          <ul className="help-list">
            {(allHelp ? needsHelp : needsHelp.slice(0, HELP_SHOWN)).map((row) => (
              <li key={row.learner.id}>
                <strong>{row.learner.name}</strong>
                <ul>
                  {(allHelp ? row.help : row.help.slice(0, 3)).map((h) =>
                    h.kind === "failing" ? (
                      <li key={h.itemId}>
                        <button type="button" className="link-inline" onClick={() => onOpen({ learnerId: row.learner.id, itemId: h.itemId })}>
                          {h.failed} failed {h.failed === 1 ? "attempt" : "attempts"} on “{itemById.get(h.itemId)?.title ?? h.itemId.split("#").pop()}”
                        </button>{" "}
                        and no pass yet
                      </li>
                    ) : (
                      <li key="inactive">{h.never ? `joined ${h.days} days ago and has not started` : `no activity for ${h.days} days`}</li>
                    ),
                  )}
                  {!allHelp && row.help.length > 3 ? <li>and {row.help.length - 3} more</li> : null}
                </ul>
              </li>
            ))}
          </ul>
          {needsHelp.length > HELP_SHOWN || needsHelp.some((r) => r.help.length > 3) ? (
            <button type="button" className="button button-small" aria-expanded={allHelp} onClick={() => setAllHelp((v) => !v)}>
              {allHelp ? "Show fewer" : `Show all ${needsHelp.length} learners needing help`}
            </button>
          ) : null}
        </>
      ) : (
        <p className="muted">
          Nobody right now. Learners appear here after {thresholds.failedAttempts} failed attempts on an exercise without a pass, or {thresholds.inactiveDays} days without
          activity.
        </p>
      )}
    </section>
  );
}

export type Show = "all" | "help" | "overdue" | "idle";

/** Find a learner, show a group, hide the exercise columns. */
export function GridToolbar({
  query,
  setQuery,
  show,
  setShow,
  lessonsOnly,
  setLessonsOnly,
  shown,
  total,
}: {
  query: string;
  setQuery: (q: string) => void;
  show: Show;
  setShow: (s: Show) => void;
  lessonsOnly: boolean;
  setLessonsOnly: (v: boolean) => void;
  shown: number;
  total: number;
}) {
  const ids = useId();
  return (
    <div className="grid-toolbar" role="search" aria-label="Filter learners">
      <div className="field">
        <label htmlFor={`${ids}-q`}>Find a learner</label>
        <input id={`${ids}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or email" autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-show`}>Show</label>
        <select id={`${ids}-show`} value={show} onChange={(e) => setShow(e.target.value as Show)}>
          <option value="all">All learners</option>
          <option value="help">Needing help</option>
          <option value="overdue">With overdue work</option>
          <option value="idle">Nothing finished yet</option>
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={lessonsOnly} onChange={(e) => setLessonsOnly(e.target.checked)} /> Lessons only
      </label>
      <p className="grid-count" aria-live="polite">
        {shown} of {total} learners
      </p>
    </div>
  );
}
