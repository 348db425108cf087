import type { GridCell, GridRow } from "@/lib/teach/grid";

export type SortKey = "name" | "done" | "activity" | "help" | `item:${number}`;

const RANK: Record<GridCell["s"], number> = { "not-started": 0, "in-progress": 1, completed: 2, passed: 2 };

/** The grid's rows sorted by a column (cells: not started < in progress < done, then more failures first). */
export function sortRows(rows: GridRow[], key: SortKey, dir: 1 | -1): GridRow[] {
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
