import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PythonHarness } from "../lib/python/harness/node";
import type { RunRequest } from "../lib/python/client/types";

/** The AUTH_SECRET of the bench's production server: modules that need signed-in clients mint sessions with it. */
export const BENCH_AUTH_SECRET = "bench-only-secret-bench-only-secret-0000";

export interface Row {
  group: string;
  name: string;
  value: number;
  unit: "ms" | "s" | "count" | "x" | "%" | "MB" | "KB";
  /** The target, as text ("≤ 3000"), and whether this run met it. */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  /** How many repetitions a row should use where it repeats (medians). */
  trials: number;
  /** The production site, when a bench module needs it (`needsSite`). */
  baseURL?: string;
  /** The database behind that site (a throwaway SQLite file), for modules that seed data of their own. */
  databaseUrl?: string;
  /** The process id of that site's server, for modules that measure its CPU time. */
  sitePid?: number;
  log(message: string): void;
}

/**
 * One group of rows. Later issues add a module of their own (bench/<topic>.ts) and list it in bench/run.ts.
 * A module that needs the Next.js site gets `ctx.baseURL` of a production server started for the run.
 */
export interface BenchModule {
  name: string;
  needsSite: boolean;
  run(ctx: BenchContext): Promise<Row[]>;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function atMost(value: number, limit: number): Pick<Row, "target" | "pass"> {
  return { target: `≤ ${limit}`, pass: value <= limit };
}

export function atLeast(value: number, limit: number): Pick<Row, "target" | "pass"> {
  return { target: `≥ ${limit}`, pass: value >= limit };
}

/** "median of 5 (min 812, max 1200)" */
export function spread(values: number[]): string {
  const r = (n: number) => Math.round(n);
  return `median of ${values.length} (min ${r(Math.min(...values))}, max ${r(Math.max(...values))})`;
}

export function printTable(rows: Row[]) {
  const header = ["group", "benchmark", "value", "unit", "target", "ok", "note"];
  const lines = rows.map((r) => [
    r.group,
    r.name,
    String(Math.round(r.value * 10) / 10),
    r.unit,
    r.target ?? "",
    r.pass === undefined ? "" : r.pass ? "yes" : "NO",
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
}

/**
 * Writes bench/results.json. Rows of modules that were not run this time are kept from the previous file, so
 * running one module (`--only`) does not erase the others' figures.
 */
export function writeResults(rows: Row[], ranGroups: string[]) {
  const file = path.join(import.meta.dirname, "results.json");
  let previous: Row[] = [];
  try {
    previous = (JSON.parse(fs.readFileSync(file, "utf8")) as { rows?: Row[] }).rows ?? [];
  } catch {
    // first run
  }
  const kept = previous.filter((r) => !ranGroups.includes(r.group));
  const load = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const data = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverage: load },
    rows: [...kept, ...rows],
  };
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

// ---- The round skeleton of the harness benches (threads, asyncio, explore, processes) ----

/** Repeated measurements by key, taken in interleaved rounds so a busy moment of the machine hits every key alike. */
export class Samples {
  private readonly byKey: Record<string, number[]> = {};
  add(key: string, value: number) {
    (this.byKey[key] ??= []).push(value);
  }
  of(key: string): number[] {
    const values = this.byKey[key];
    if (!values) throw new Error(`no samples for "${key}"`);
    return values;
  }
  median(key: string): number {
    return median(this.of(key));
  }
  /** The fastest: the run least disturbed by the rest of the machine (for small differences). */
  best(key: string): number {
    return Math.min(...this.of(key));
  }
  spread(key: string): string {
    return spread(this.of(key));
  }
}

/** How many rounds a harness bench runs for `ctx.trials`. */
export function roundsFor(ctx: BenchContext): number {
  return Math.max(3, Math.ceil(ctx.trials / 2));
}

/** `rounds` rounds of `body`, each logged as "<label>: round i/n". */
export async function inRounds(ctx: BenchContext, label: string, rounds: number, body: (round: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    ctx.log(`${label}: round ${i + 1}/${rounds}`);
    await body(i);
  }
}

/** A program that times itself and prints JSON as its last line: the run must end ok; the JSON is returned. */
export async function runTimed<T = { ms: number }>(h: PythonHarness, request: RunRequest): Promise<T> {
  const r = await h.run({ timeoutMs: 120_000, ...request });
  if (r.result.status !== "ok") throw new Error(`${request.filename ?? "program"}: ${r.result.status}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as T;
}

/** The same program under this machine's python3 (`label` names it in the error): the JSON it prints is returned. */
export function runNative<T = { ms: number }>(label: string, code: string): T {
  const out = spawnSync("python3", ["-c", code], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`python3 ${label}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim()) as T;
}

/** One headless Chromium with one warm worker for `fn`, closed afterwards. */
export async function withHarness<T>(fn: (h: PythonHarness) => Promise<T>): Promise<T> {
  const h = await PythonHarness.start();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}
