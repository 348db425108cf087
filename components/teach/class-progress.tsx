"use client";

import { startTransition, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { fromWireRows, type GridItem, type GridRow, type WireRow } from "@/lib/teach/grid";
import { LocalTime } from "@/components/ui/local-time";
import { CellDialog } from "./cell-dialog";
import type { LmsScores } from "@/lib/teach/lms-scores";
import { cellLabel, GridLegend, GridRowView } from "./grid-cells";
import { sortRows, type SortKey } from "./grid-sort";
import { GridToolbar, NeedsHelp, type Show } from "./needs-help";

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

/** Rows in the server's HTML; the rest are rendered in the browser after hydration. */
const FIRST_ROWS = 40;

/** Past this many item columns their headers stand upright so all fit; fewer share the table's width, upright text. */
const DENSE_COLUMNS = 8;

/** Lessons and the exercises under them, with everything a teacher checks each week. */
export function ClassProgress({ classId, items, rows: wireRows, now, thresholds, lms }: Props) {
  /** Learner, done and last-active columns (and "sent to the LMS" for an LMS class) before the items. */
  const FIXED_COLUMNS = lms ? 4 : 3;
  const rows: GridRow[] = useMemo(() => fromWireRows(wireRows, items), [wireRows, items]);
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
      <NeedsHelp rows={rows} itemById={itemById} thresholds={thresholds} onOpen={setOpen} />

      <section aria-labelledby={`${ids}-grid`}>
        <h2 id={`${ids}-grid`}>Progress</h2>
        <GridToolbar query={query} setQuery={setQuery} show={show} setShow={setShow} lessonsOnly={lessonsOnly} setLessonsOnly={setLessonsOnly} shown={visible.length} total={rows.length} />
        <GridLegend />
        {items.length === 0 ? (
          <p className="empty-state">Nothing assigned yet. Assign lessons or chapters and they appear here as columns.</p>
        ) : rows.length === 0 ? (
          <p className="empty-state">No learners yet. Share the join code or link above; learners appear here as soon as they join.</p>
        ) : (
          <div className="grid-scroll">
            <table ref={table} className="progress-grid" data-testid="progress-grid" data-dense={columns.length > DENSE_COLUMNS || undefined} role="grid" aria-readonly="true">
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
                        {item.dueAt !== null ? (
                          <span className="visually-hidden">
                            , due <LocalTime at={item.dueAt} withTime={false} />
                          </span>
                        ) : null}
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
