// The server end-to-end tests run against: the current production build, on a fresh SQLite database in a temp dir.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, root, run } from "./lib.mjs";

const port = process.argv[2] ?? "3100";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-e2e-"));
// A copy of content/ that specs may edit (an author's live preview) without touching the working tree. The learners'
// pages were prerendered from content/ at build time; the copy is identical.
const contentDir = path.join(dir, "content");
fs.cpSync(path.join(root, "content"), contentDir, { recursive: true });
const env = {
  CONTENT_DIR: contentDir,
  DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
  AUTH_SECRET: "e2e-only-secret-not-used-anywhere-else-000000",
  AUTH_TRUST_HOST: "true",
};
process.env.E2E_DB_DIR = dir;
// The secret is the throwaway server's own: specs mint session tokens with it (forged, expired and valid ones).
fs.writeFileSync(path.join(os.tmpdir(), `interleave-e2e-${port}.json`), JSON.stringify({ databaseUrl: env.DATABASE_URL, contentDir, authSecret: env.AUTH_SECRET }));

await run(bin("tsx"), ["scripts/db-migrate.ts"], { env });
await run(bin("tsx"), ["prisma/seed.ts"], { env });
const server = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
const cleanup = () => {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { cleanup(); process.exit(0); });
server.on("exit", (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
