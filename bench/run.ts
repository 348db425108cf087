// npm run bench [-- --trials N]: measures the product against its targets in headless Chromium and prints a table;
// the results are written to bench/results.json (commit them with the change that moved them).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent, buildApp, bin, root, run } from "../scripts/lib.mjs";
import { printTable, writeResults, type Row } from "./lib";
import { runtimeBench } from "./runtime";

const trialsArg = process.argv.indexOf("--trials");
const trials = trialsArg > 0 ? Number(process.argv[trialsArg + 1]) : 10;

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
  const rows: Row[] = [...(await runtimeBench(baseURL, trials))];
  printTable(rows);
  console.log(`\nWritten to ${path.relative(root, writeResults(rows))}`);
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
