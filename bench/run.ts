// npm run bench [-- --trials N] [-- --only runtime|teach]: measures the product against its targets in headless
// Chromium and prints a table; the results are written to bench/results.json (commit them with the change that moved
// them). With --only, the other groups' previous rows are kept in the file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent, buildApp, bin, root, run } from "../scripts/lib.mjs";
import { printTable, writeResults, type Row } from "./lib";
import { runtimeBench } from "./runtime";
import { teachBench } from "./teach";

const trialsArg = process.argv.indexOf("--trials");
const trials = trialsArg > 0 ? Number(process.argv[trialsArg + 1]) : 10;
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const GROUPS: Record<string, (baseURL: string, databaseUrl: string) => Promise<Row[]>> = {
  runtime: (baseURL) => runtimeBench(baseURL, trials),
  teach: (baseURL, databaseUrl) => teachBench(baseURL, databaseUrl, Math.min(trials, 7)),
};
if (only && !GROUPS[only]) {
  console.error(`Unknown group "${only}"; choose one of ${Object.keys(GROUPS).join(", ")}.`);
  process.exit(2);
}

if (!buildIsCurrent()) await buildApp();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, AUTH_SECRET: "bench-only-secret-bench-only-secret-0000", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
await run(bin("tsx"), ["scripts/db-migrate.ts"], { env });
const port = 4100 + Math.floor(Math.random() * 500);
const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: "ignore" as const });
const baseURL = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(baseURL)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 120) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const rows: Row[] = [];
  for (const [group, bench] of Object.entries(GROUPS)) if (!only || only === group) rows.push(...(await bench(baseURL, env.DATABASE_URL!)));
  printTable(rows);
  console.log(`\nWritten to ${path.relative(root, writeResults(rows, { keepOtherGroups: Boolean(only) }))}`);
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
