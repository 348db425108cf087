// A throwaway PostgreSQL cluster on 127.0.0.1 under a temp dir, for tests and for writing PostgreSQL migrations.
// Uses the PostgreSQL binaries on PATH (initdb, pg_ctl, createdb) or, failing that, Debian's
// /usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so as root they run as the "postgres" user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertNotUnitLane } from "../../lib/python/harness/chromium";
import { freePort } from "./free-port";

export interface PgCluster {
  url: string;
  port: number;
  /** The server's main process (its backends are its children), for measuring the CPU time it uses. */
  pid(): number | undefined;
  stop(): void;
}

/** The folder holding initdb and pg_ctl ("" when they are on PATH), or null when PostgreSQL is not installed. */
function findBinDir(): string | null {
  const works = (bin: string) => spawnSync(bin, ["--version"]).status === 0;
  if (works("initdb") && works("pg_ctl")) return "";
  const debian = "/usr/lib/postgresql";
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(debian, version, "bin");
    if (works(path.join(dir, "initdb")) && works(path.join(dir, "pg_ctl"))) return dir;
  }
  return null;
}

let binDir: string | null | undefined;

export function postgresAvailable(): boolean {
  binDir ??= findBinDir();
  return binDir !== null;
}

function asPostgres(cmd: string, args: string[]): string[] {
  const bin = binDir ? path.join(binDir, cmd) : cmd;
  return process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", bin, ...args] : [bin, ...args];
}


export async function startPgCluster(database = "interleave"): Promise<PgCluster> {
  assertNotUnitLane("starts a PostgreSQL cluster");
  if (!postgresAvailable()) throw new Error("PostgreSQL binaries (initdb, pg_ctl) were not found.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const [bin, ...rest] = asPostgres(cmd, args);
    execFileSync(bin!, rest, { stdio: "pipe" });
  };
  run("initdb", ["-D", data, "-U", "interleave", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  run("pg_ctl", ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "log"), "-w", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends early (failure, Ctrl+C handled by the runner) still stops its server.
  process.on("exit", stop);
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "interleave", database]);
  } catch (err) {
    stop();
    throw err;
  }
  const pid = () => {
    try {
      return Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  return { url: `postgresql://interleave@127.0.0.1:${port}/${database}`, port, pid, stop };
}
