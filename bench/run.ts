// npm run bench [-- --trials N] [--only NAME[,NAME]] [--no-site] [--build]
// Measures the product against its targets in headless Chromium, prints a table and writes bench/results.json
// (rows of modules not run this time are kept). Each module is one file in bench/ listed in MODULES; a module that
// needs the Next.js site gets a production server on 127.0.0.1. The site is built first only with --build (a build
// takes minutes and must not race another one); without a current build its modules are skipped with a note.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, buildIsCurrent, root } from "../scripts/lib.mjs";
import { printTable, writeResults, type BenchContext, type BenchModule, type Row } from "./lib";
import { migrate, startSite } from "./site";
import { load } from "./load";
import { processes } from "./processes";
import { pythonRuntime } from "./python-runtime";
import { siteRuntime } from "./site-runtime";
import { teach } from "./teach";
import { explore } from "./explore";
import { threads } from "./threads";
import { asyncio } from "./asyncio";
import { sockets } from "./sockets";

/** Add a module here (bench/<topic>.ts exporting a BenchModule). */
const MODULES: BenchModule[] = [pythonRuntime, threads, explore, processes, asyncio, sockets, siteRuntime, teach, load];

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const trials = Number(option("--trials") ?? 6);
const only = option("--only")?.split(",");
const selected = MODULES.filter((m) => (!only || only.includes(m.name)) && !(m.needsSite && args.includes("--no-site")));
if (!selected.length) {
  console.error(`No bench module selected. Modules: ${MODULES.map((m) => m.name).join(", ")}`);
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const rows: Row[] = [];
const ran: string[] = [];

async function withSite<T>(fn: (baseURL: string, databaseUrl: string, sitePid: number | undefined) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrate(databaseUrl);
    const site = await startSite(databaseUrl);
    try {
      return await fn(site.baseURL, databaseUrl, site.pid);
    } finally {
      site.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const local = selected.filter((m) => !m.needsSite);
const site = selected.filter((m) => m.needsSite);
const ctx: BenchContext = { trials, log };
for (const m of local) {
  rows.push(...(await m.run(ctx)));
  ran.push(m.name);
}
if (site.length) {
  if (!buildIsCurrent() && args.includes("--build")) await buildApp();
  if (!buildIsCurrent()) {
    log(`Skipped ${site.map((m) => m.name).join(", ")}: the production build is missing or stale (npm run build, or pass --build).`);
  } else {
    await withSite(async (baseURL, databaseUrl, sitePid) => {
      for (const m of site) {
        rows.push(...(await m.run({ ...ctx, baseURL, databaseUrl, sitePid })));
        ran.push(m.name);
      }
    });
  }
}

printTable(rows);
console.log(`\nWritten to ${path.relative(root, writeResults(rows, ran))}`);
process.exit(0);
