// A throwaway PostgreSQL cluster on 127.0.0.1 under a temp dir, for tests and for writing PostgreSQL migrations.
// Uses the PostgreSQL binaries on PATH (initdb, pg_ctl). initdb refuses to run as root, so as root it runs as the
// "postgres" system user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PgCluster {
  url: string;
  port: number;
  stop(): void;
}

function asPostgres(cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", cmd, ...args] : [cmd, ...args];
}

export function postgresAvailable(): boolean {
  return spawnSync("initdb", ["--version"]).status === 0 && spawnSync("pg_ctl", ["--version"]).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(database = "interleave"): Promise<PgCluster> {
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
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "interleave", database]);
  } catch (err) {
    stop();
    throw err;
  }
  return { url: `postgresql://interleave@127.0.0.1:${port}/${database}`, port, stop };
}
