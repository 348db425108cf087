"use client";

/** The progress grid's rows, cells, LMS column and legend (ClassProgress in class-progress.tsx lays them out). */
import { memo } from "react";
import type { LmsScores, LmsScoreView } from "@/lib/teach/lms-scores";
import { describeCell, type GridCell, type GridItem, type GridRow } from "@/lib/teach/grid";



export function ago(now: number, t: number | null | undefined): string {
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

export function cellLabel(item: GridItem, cell: GridCell, now: number): string {
  return `${describeCell(item, cell)}${cell.t ? `, last activity ${ago(now, cell.t)}` : ""}`;
}

/**
 * One learner's row. Cells are bare <td>s (status in data-s, one letter) so 200 × 40 of them stay small. The words
 * for assistive technology describe only the cell holding the tab stop (aria-describedby → one shared, hidden
 * paragraph), which is the cell a screen reader announces as the teacher moves with the arrow keys; row and column
 * headers say who and what.
 */
export const GridRowView = memo(function GridRowView({
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
function LmsCell({ lms, scores, now }: { lms: LmsScores; scores: LmsScoreView[] | undefined; now: number }) {
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

export function GridLegend() {
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
