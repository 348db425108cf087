"use client";

import { memo, startTransition, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { describeCell, fromWireRows, type GridCell, type GridItem, type GridRow, type WireRow } from "@/lib/teach/grid";
import { LocalTime } from "@/components/ui/local-time";

type SortKey = "name" | "done" | "activity" | "help" | `item:${number}`;
type Show = "all" | "help" | "overdue" | "idle";

interface Props {
  classId: string;
  items: GridItem[];
  /** Rows with their cells in the compact wire format (lib/teach/grid.ts encodeCells). */
  rows: WireRow[];
  /** The server's clock when the grid was made: relative times agree between server and browser. */
  now: number;
  thresholds: { failedAttempts: number; inactiveDays: number };
  /** For a class linked to an LMS: what its gradebook has from us, per learner and link (lib/data/lti.ts). */
  lms?: LmsScores;
}

export interface LmsScore {
  linkId: string;
  state: "sent" | "sending" | "retrying" | "nothing-yet";
  score: number | null;
  maximum: number | null;
  sentAt: number | null;
  error: string | null;
}

export interface LmsScores {
  platformName: string;
  links: { id: string; title: string }[];
  scores: Record<string, LmsScore[]>;
}

const RANK: Record<GridCell["s"], number> = { "not-started": 0, "in-progress": 1, completed: 2, passed: 2 };

function ago(now: number, t: number | null | undefined): string {
  if (!t) return "never";
  const minutes = Math.max(0, Math.round((now - t) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

function cellGlyph(item: GridItem, cell: GridCell): string {
  if (cell.s === "not-started") return "·";
  if (item.kind === "lesson") return cell.s === "completed" ? "✓" : "◐";
  return cell.s === "passed" ? `✓${cell.n}` : `✗${cell.n}`;
}

function sortRows(rows: GridRow[], key: SortKey, dir: 1 | -1): GridRow[] {
  const byName = (a: GridRow, b: GridRow) => a.learner.name.localeCompare(b.learner.name);
  let cmp: (a: GridRow, b: GridRow) => number;
  if (key === "name") cmp = byName;
  else if (key === "done") cmp = (a, b) => a.done - b.done;
  else if (key === "activity") cmp = (a, b) => (a.lastActivity ?? 0) - (b.lastActivity ?? 0);
  else if (key === "help") cmp = (a, b) => a.help.length - b.help.length;
  else {
    const i = Number(key.slice(5));
    cmp = (a, b) => {
      const x = a.cells[i]!;
      const y = b.cells[i]!;
      return RANK[x.s] - RANK[y.s] || (y.f ?? 0) - (x.f ?? 0) || (x.t ?? 0) - (y.t ?? 0);
    };
  }
  return [...rows].sort((a, b) => cmp(a, b) * dir || byName(a, b));
}

/** Lessons and the exercises under them, with everything a teacher checks each week. */
export function ClassProgress({ classId, items, rows: wireRows, now, thresholds, lms }: Props) {
  /** Learner, done and last-active columns (and "sent to the LMS" for an LMS class) before the items. */
  const FIXED_COLUMNS = lms ? 4 : 3;
  const rows: GridRow[] = useMemo(() => fromWireRows(wireRows, items), [wireRows, items]);
  const [allHelp, setAllHelp] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "name", dir: 1 });
  const [query, setQuery] = useState("");
  const [show, setShow] = useState<Show>("all");
  const [lessonsOnly, setLessonsOnly] = useState(false);
  const [open, setOpen] = useState<{ learnerId: string; itemId: string } | null>(null);
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const table = useRef<HTMLTableElement>(null);
  const ids = useId();
  // The server renders the first rows only; the rest follow right after hydration in a (time-sliced) transition, so
  // a class of hundreds shows and responds at once instead of parsing and hydrating 8,000 cells first.
  const [rowLimit, setRowLimit] = useState(FIRST_ROWS);
  const complete = rowLimit >= rows.length;
  useEffect(() => {
    // For the bench (bench/teach.ts) and anyone profiling: when the grid became interactive, and when all rows were in.
    if (!performance.getEntriesByName("teach-grid-ready").length) performance.mark("teach-grid-ready");
    startTransition(() => setRowLimit(Infinity));
  }, []);
  useEffect(() => {
    if (complete && !performance.getEntriesByName("teach-grid-complete").length) performance.mark("teach-grid-complete");
  }, [complete]);

  const columns = useMemo(() => items.map((item, index) => ({ item, index })).filter(({ item }) => !lessonsOnly || item.kind === "lesson"), [items, lessonsOnly]);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = rows.filter((r) => {
      if (q && !r.learner.name.toLowerCase().includes(q) && !r.learner.email.toLowerCase().includes(q)) return false;
      if (show === "help") return r.help.length > 0;
      if (show === "overdue") return r.cells.some((c) => c.overdue);
      if (show === "idle") return r.done === 0;
      return true;
    });
    return sortRows(filtered, sort.key, sort.dir);
  }, [rows, query, show, sort]);

  const needsHelp = useMemo(() => rows.filter((r) => r.help.length > 0).sort((a, b) => b.help.length - a.help.length || a.learner.name.localeCompare(b.learner.name)), [rows]);
  const itemById = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);

  const toggleSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === "name" ? 1 : -1 }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : undefined);

  const r = Math.min(active.r, Math.max(visible.length - 1, 0));
  const c = Math.min(active.c, Math.max(columns.length - 1, 0));
  const activeRow = visible[r];
  const activeColumn = columns[c];

  /** The cell element at (row, column) of the visible grid: cells are found by position, not by attributes. */
  const cellAt = (row: number, col: number) => table.current?.tBodies[0]?.rows[row]?.cells[col + FIXED_COLUMNS] ?? null;
  const focusCell = (next: { r: number; c: number }) => {
    setActive(next);
    const el = cellAt(next.r, next.c);
    if (el) {
      el.tabIndex = 0; // React sets the same on re-render; focus() needs it now
      el.focus();
    }
  };
  const positionOf = (target: EventTarget): { r: number; c: number } | null => {
    const td = (target as HTMLElement).closest?.("td");
    const tr = td?.parentElement as HTMLTableRowElement | undefined;
    if (!td || !tr || td.cellIndex < FIXED_COLUMNS) return null;
    return { r: tr.sectionRowIndex, c: td.cellIndex - FIXED_COLUMNS };
  };
  const openAt = (pos: { r: number; c: number }) => {
    const row = visible[pos.r];
    const col = columns[pos.c];
    if (row && col) setOpen({ learnerId: row.learner.id, itemId: col.item.id });
  };

  const onGridKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const here = positionOf(e.target) ?? { r, c };
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openAt(here);
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-10, 0], PageDown: [10, 0] };
    let next: { r: number; c: number } | null = null;
    if (moves[e.key]) {
      const [dr, dc] = moves[e.key]!;
      next = { r: Math.max(0, Math.min(visible.length - 1, here.r + dr)), c: Math.max(0, Math.min(columns.length - 1, here.c + dc)) };
    } else if (e.key === "Home") next = { r: e.ctrlKey ? 0 : here.r, c: 0 };
    else if (e.key === "End") next = { r: e.ctrlKey ? visible.length - 1 : here.r, c: columns.length - 1 };
    if (!next) return;
    e.preventDefault();
    focusCell(next);
  };
  const onGridClick = (e: MouseEvent<HTMLTableSectionElement>) => {
    const pos = positionOf(e.target);
    if (!pos) return;
    setActive(pos);
    openAt(pos);
  };
  // A cell's full description as a tooltip, made only when the pointer reaches it (8,000 titles would double the page).
  const onGridHover = (e: MouseEvent<HTMLTableSectionElement>) => {
    const pos = positionOf(e.target);
    const td = (e.target as HTMLElement).closest("td");
    if (!pos || !td || td.title) return;
    const row = visible[pos.r];
    const col = columns[pos.c];
    if (row && col) td.title = cellLabel(col.item, row.cells[col.index]!, now);
  };
  const closeDialog = useCallback(() => {
    setOpen(null);
    // Back to the cell that opened it (the dialog's own focus return targets the body when a cell had no tab stop).
    requestAnimationFrame(() => {
      const el = table.current?.tBodies[0]?.rows[r]?.cells[c + FIXED_COLUMNS];
      el?.focus();
    });
  }, [r, c, FIXED_COLUMNS]);

  return (
    <>
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
                          <button type="button" className="link-inline" onClick={() => setOpen({ learnerId: row.learner.id, itemId: h.itemId })}>
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

      <section aria-labelledby={`${ids}-grid`}>
        <h2 id={`${ids}-grid`}>Progress</h2>
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
            {visible.length} of {rows.length} learners
          </p>
        </div>
        <GridLegend />
        {items.length === 0 ? (
          <p className="empty-state">Nothing assigned yet. Assign lessons or chapters and they appear here as columns.</p>
        ) : rows.length === 0 ? (
          <p className="empty-state">No learners yet. Share the join code or link above; learners appear here as soon as they join.</p>
        ) : (
          <div className="grid-scroll">
            <table ref={table} className="progress-grid" data-testid="progress-grid" role="grid" aria-readonly="true">
              <caption className="visually-hidden">
                Progress of {visible.length} learners on {columns.length} assigned items. Column headers sort; arrow keys move between cells; Enter shows the learner&apos;s work.
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="col-learner" aria-sort={ariaSort("name")}>
                    <button type="button" onClick={() => toggleSort("name")}>
                      Learner
                    </button>
                  </th>
                  <th scope="col" className="col-num" aria-sort={ariaSort("done")}>
                    <button type="button" onClick={() => toggleSort("done")} title="Lessons completed and exercises passed">
                      Done
                    </button>
                  </th>
                  <th scope="col" className="col-when" aria-sort={ariaSort("activity")}>
                    <button type="button" onClick={() => toggleSort("activity")}>
                      Last active
                    </button>
                  </th>
                  {lms ? (
                    <th scope="col" className="col-lms" title={`Scores in ${lms.platformName}'s gradebook: lessons completed and exercises passed`}>
                      Sent to the LMS
                    </th>
                  ) : null}
                  {columns.map(({ item, index }) => (
                    <th key={item.id} scope="col" className={`col-item col-${item.kind}`} aria-sort={ariaSort(`item:${index}`)}>
                      <button type="button" onClick={() => toggleSort(`item:${index}`)} title={`${item.label} ${item.title}${item.kind === "exercise" ? " (exercise)" : ""}`}>
                        <span className="item-label">{item.label}</span> <span className="item-title">{item.kind === "exercise" ? `⚙ ${item.title}` : item.title}</span>
                        {item.dueAt !== null ? <span className="visually-hidden">, due {new Date(item.dueAt).toISOString().slice(0, 10)}</span> : null}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              {/* One set of handlers for all cells (event delegation): 8,000 cells carry no listeners or ids. */}
              <tbody onKeyDown={onGridKey} onClick={onGridClick} onMouseOver={onGridHover}>
                {visible.slice(0, rowLimit).map((row, ri) => (
                  <GridRowView key={row.learner.id} row={row} columns={columns} now={now} active={ri === r ? c : -1} describedBy={`${ids}-cell`} lms={lms} />
                ))}
              </tbody>
            </table>
            <p id={`${ids}-cell`} className="visually-hidden">
              {activeRow && activeColumn ? cellLabel(activeColumn.item, activeRow.cells[activeColumn.index]!, now) : ""}
            </p>
          </div>
        )}
      </section>
      <CellDialog classId={classId} open={open} item={open ? itemById.get(open.itemId) : undefined} onClose={closeDialog} />
    </>
  );
}

/** Rows in the server's HTML; the rest are rendered in the browser after hydration. */
const FIRST_ROWS = 40;

/** Learners listed under "Needs help" before "Show all". */
const HELP_SHOWN = 12;

function cellLabel(item: GridItem, cell: GridCell, now: number): string {
  return `${describeCell(item, cell)}${cell.t ? `, last activity ${ago(now, cell.t)}` : ""}`;
}

/**
 * One learner's row. Cells are bare <td>s (status in data-s, one letter) so 200 × 40 of them stay small. The words
 * for assistive technology describe only the cell holding the tab stop (aria-describedby → one shared, hidden
 * paragraph), which is the cell a screen reader announces as the teacher moves with the arrow keys; row and column
 * headers say who and what.
 */
const GridRowView = memo(function GridRowView({
  row,
  columns,
  now,
  active,
  describedBy,
  lms,
}: {
  row: GridRow;
  columns: { item: GridItem; index: number }[];
  now: number;
  active: number;
  describedBy: string;
  lms?: LmsScores;
}) {
  return (
    <tr>
      <th scope="row" className="col-learner">
        <span className="learner-name">{row.learner.name}</span>
        {row.help.length ? (
          <span className="help-flag" title="Needs help">
            <span aria-hidden="true">!</span>
            <span className="visually-hidden">needs help</span>
          </span>
        ) : null}
      </th>
      <td className="col-num">{row.done}</td>
      <td className="col-when">{ago(now, row.lastActivity)}</td>
      {lms ? <LmsCell lms={lms} scores={lms.scores[row.learner.id]} now={now} /> : null}
      {columns.map(({ item, index }, ci) => {
        const cell = row.cells[index]!;
        const isActive = ci === active;
        return (
          <td
            key={item.id}
            data-s={CELL_CODE[cell.s]}
            data-l={cell.late ? "" : undefined}
            data-o={cell.overdue ? "" : undefined}
            tabIndex={isActive ? 0 : undefined}
            aria-describedby={isActive ? describedBy : undefined}
          >
            {cellGlyph(item, cell)}
            {cell.h ? <sup>{cell.h}h</sup> : null}
          </td>
        );
      })}
    </tr>
  );
});

/** What the LMS gradebook has for one learner: per link, the score sent and whether a newer one is on its way. */
function LmsCell({ lms, scores, now }: { lms: LmsScores; scores: LmsScore[] | undefined; now: number }) {
  const byLink = new Map((scores ?? []).map((s) => [s.linkId, s]));
  const lines = lms.links
    .map((link) => ({ link, s: byLink.get(link.id) }))
    .filter(({ s }) => s)
    .map(({ link, s }) => {
      const score = s!.score !== null && s!.maximum !== null ? `${s!.score}/${s!.maximum}` : null;
      const text =
        s!.state === "sent"
          ? `${score} sent ${ago(now, s!.sentAt)}`
          : s!.state === "sending"
            ? `sending${score ? ` (${score} sent before)` : ""}…`
            : s!.state === "retrying"
              ? `not sent yet, retrying${score ? ` (${score} sent before)` : ""}`
              : "nothing to send yet";
      return { id: link.id, text, title: `${link.title}: ${text}${s!.error ? ` (${s!.error})` : ""}`, state: s!.state };
    });
  return (
    <td className="col-lms">
      {lines.length === 0 ? (
        <span className="muted">not launched</span>
      ) : (
        lines.map((l) => (
          <span key={l.id} className={`lms-score lms-${l.state}`} title={l.title}>
            {lms.links.length > 1 ? <span className="visually-hidden">{l.title}: </span> : null}
            {l.text}
          </span>
        ))
      )}
    </td>
  );
}

const CELL_CODE: Record<GridCell["s"], string> = { "not-started": "n", "in-progress": "i", completed: "c", passed: "p" };

function GridLegend() {
  return (
    <ul className="grid-legend" aria-label="What the cells mean">
      <li>
        <span className="legend-swatch" data-s="n">·</span> not started
      </li>
      <li>
        <span className="legend-swatch" data-s="i">◐</span> lesson in progress
      </li>
      <li>
        <span className="legend-swatch" data-s="c">✓</span> lesson completed
      </li>
      <li>
        <span className="legend-swatch" data-s="p">✓3</span> exercise passed (3 attempts)
      </li>
      <li>
        <span className="legend-swatch" data-s="i">✗2</span> exercise not passed yet
      </li>
      <li>
        <span className="legend-swatch" data-s="p">
          ✓<sup>1h</sup>
        </span>{" "}
        hints used
      </li>
      <li>
        <span className="legend-swatch" data-s="c" data-l="">
          ✓
        </span>{" "}
        late
      </li>
      <li>
        <span className="legend-swatch" data-s="n" data-o="">
          ·
        </span>{" "}
        overdue
      </li>
    </ul>
  );
}

interface Detail {
  learner: { id: string; name: string; email: string };
  item: { id: string; kind: "lesson" | "exercise"; title: string; lessonId: string };
  lesson: { firstOpenedAt: number; lastOpenedAt: number; completedAt: number | null; secondsSpent: number; position: number } | null;
  attempts: { id: string; exerciseId: string; at: number; passed: boolean; hintsUsed: number; code: string; output: string }[];
  truncated: boolean;
}

function minutes(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** The learner's submitted code for one exercise and their attempts over time (or their reading of a lesson). */
function CellDialog({ classId, open, item, onClose }: { classId: string; open: { learnerId: string; itemId: string } | null; item?: GridItem; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<{ key: string; data: Detail | null; error?: string } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const titleId = useId();
  const key = open ? `${open.learnerId}|${open.itemId}` : "";

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const url = `/api/teach/classes/${encodeURIComponent(classId)}/cell?learner=${encodeURIComponent(open.learnerId)}&item=${encodeURIComponent(open.itemId)}`;
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(async (res) => {
        if (cancelled) return;
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          setDetail({ key, data: null, error: body.error ?? `The server answered ${res.status}.` });
          return;
        }
        const data = (await res.json()) as Detail;
        setDetail({ key, data });
        setSelected(data.attempts.length ? data.attempts.length - 1 : null);
      })
      .catch(() => !cancelled && setDetail({ key, data: null, error: "Could not reach the server. Check your connection." }));
    return () => {
      cancelled = true;
    };
  }, [open, classId, key]);

  const current = detail?.key === key ? detail : null;
  const data = current?.data;
  const attempt = data && selected !== null ? data.attempts[selected] : undefined;
  const span = data && data.attempts.length > 1 ? data.attempts[data.attempts.length - 1]!.at - data.attempts[0]!.at || 1 : 1;

  return (
    <dialog ref={dialog} className="cell-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <div className="cell-dialog-head">
        <h2 id={titleId}>{data ? `${data.learner.name} — ${data.item.kind === "exercise" ? `exercise “${data.item.title}”` : data.item.title}` : item ? item.title : "Learner's work"}</h2>
        <button type="button" className="button button-small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {!current ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : current.error ? (
        <p className="form-error" role="alert">
          {current.error}
        </p>
      ) : data ? (
        <div className="cell-dialog-body">
          {data.lesson ? (
            <dl className="detail-facts">
              <div>
                <dt>Status</dt>
                <dd>{data.lesson.completedAt ? "Completed" : `In progress (read ${Math.round(data.lesson.position * 100)}%)`}</dd>
              </div>
              <div>
                <dt>First opened</dt>
                <dd>
                  <LocalTime at={data.lesson.firstOpenedAt} />
                </dd>
              </div>
              {data.lesson.completedAt ? (
                <div>
                  <dt>Completed</dt>
                  <dd>
                    <LocalTime at={data.lesson.completedAt} />
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>Time reading</dt>
                <dd>{minutes(data.lesson.secondsSpent)}</dd>
              </div>
            </dl>
          ) : data.item.kind === "lesson" ? (
            <p>Not opened yet.</p>
          ) : null}
          {data.attempts.length ? (
            <>
              <h3>
                {data.attempts.length} {data.attempts.length === 1 ? "attempt" : "attempts"}
                {data.truncated ? " (the latest 50)" : ""}
              </h3>
              <svg className="attempt-timeline" viewBox="0 0 400 28" role="img" aria-label={`Attempts over time: ${data.attempts.map((a) => (a.passed ? "passed" : "failed")).join(", ")}`}>
                <line x1="8" y1="14" x2="392" y2="14" className="timeline-axis" />
                {data.attempts.map((a, i) => (
                  <circle key={a.id} cx={8 + ((a.at - data.attempts[0]!.at) / span) * 384} cy="14" r={i === selected ? 7 : 5} className={a.passed ? "dot-pass" : "dot-fail"} />
                ))}
              </svg>
              <ol className="attempt-list">
                {data.attempts.map((a, i) => (
                  <li key={a.id}>
                    <button type="button" aria-pressed={i === selected} onClick={() => setSelected(i)} className="attempt-pick">
                      <span className={a.passed ? "ok" : "bad"}>{a.passed ? "✓ passed" : "✗ failed"}</span> <LocalTime at={a.at} />
                      {a.hintsUsed ? ` · ${a.hintsUsed} ${a.hintsUsed === 1 ? "hint" : "hints"}` : ""}
                      {data.item.kind === "lesson" ? ` · ${a.exerciseId.split("#").pop()}` : ""}
                    </button>
                  </li>
                ))}
              </ol>
              {attempt ? (
                <div className="attempt-code">
                  <h3>
                    Code of attempt {selected! + 1} ({attempt.passed ? "passed" : "failed"})
                  </h3>
                  <pre tabIndex={0} aria-label="Submitted code">
                    <code>{attempt.code || "(empty)"}</code>
                  </pre>
                  {attempt.output ? (
                    <>
                      <h3>Output</h3>
                      <pre tabIndex={0} aria-label="Output" className="attempt-output">
                        {attempt.output}
                      </pre>
                    </>
                  ) : null}
                </div>
              ) : null}
            </>
          ) : data.item.kind === "exercise" ? (
            <p>No attempts yet.</p>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
