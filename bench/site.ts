// Production servers for bench modules: `next start` on 127.0.0.1 against a given database, with the bench's
// AUTH_SECRET so modules can mint sessions. bench/run.ts starts one on SQLite for every module that needs the site;
// the load module starts more of its own (two instances on one PostgreSQL).
import { spawn } from "node:child_process";
import { bin, root, run } from "../scripts/lib.mjs";
import { BENCH_AUTH_SECRET } from "./lib";
import { freePort } from "../scripts/lib/free-port";

function siteEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: BENCH_AUTH_SECRET, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1"};
}

/** Applies the migrations to the database (a fresh SQLite file or a throwaway PostgreSQL database). */
export async function migrate(databaseUrl: string) {
  await run(bin("tsx"), ["scripts/db-migrate.ts"], { env: siteEnv(databaseUrl) });
}


export interface Site {
  baseURL: string;
  pid: number | undefined;
  stop(): void;
}

/** Starts `next start` and waits until it answers. */
export async function startSite(databaseUrl: string): Promise<Site> {
  const port = await freePort();
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: siteEnv(databaseUrl), stdio: "ignore" });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = () => void server.kill("SIGTERM");
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(baseURL)).ok) break;
      } catch {
        // not up yet
      }
      if (server.exitCode !== null) throw new Error(`the production server exited with code ${server.exitCode}`);
      if (i > 120) throw new Error("the production server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    stop();
    throw err;
  }
  return { baseURL, pid: server.pid, stop };
}
