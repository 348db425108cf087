import fs from "node:fs";
import path from "node:path";

export interface Row {
  group: string;
  name: string;
  value: number;
  unit: "ms" | "s" | "count" | "x" | "%";
  /** The target, as text ("≤ 3000 ms"), and whether this run met it. */
  target?: string;
  pass?: boolean;
  note?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function atMost(value: number, limit: number): Pick<Row, "target" | "pass"> {
  return { target: `≤ ${limit}`, pass: value <= limit };
}

export function printTable(rows: Row[]) {
  const header = ["group", "benchmark", "value", "unit", "target", "ok", "note"];
  const lines = rows.map((r) => [r.group, r.name, String(Math.round(r.value * 100) / 100), r.unit, r.target ?? "", r.pass === undefined ? "" : r.pass ? "yes" : "NO", r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
}

/** Writes the rows; with keepOtherGroups, rows of groups not measured this time are kept from the previous file. */
export function writeResults(rows: Row[], { keepOtherGroups = false } = {}) {
  const file = path.join(import.meta.dirname, "results.json");
  if (keepOtherGroups && fs.existsSync(file)) {
    const measured = new Set(rows.map((r) => r.group));
    const previous = (JSON.parse(fs.readFileSync(file, "utf8")) as { rows?: Row[] }).rows ?? [];
    rows = [...previous.filter((r) => !measured.has(r.group)), ...rows];
  }
  const data = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? null, node: process.version, platform: process.platform },
    rows,
  };
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
