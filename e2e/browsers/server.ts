/**
 * vitest globalSetup of the cross-browser smoke suite: the production build served by scripts/e2e-server.mjs (a fresh
 * throwaway database, as for the Playwright specs) on a free port of 127.0.0.1; stopped by its pid afterwards.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
  const root = path.resolve(import.meta.dirname, "..", "..");
  const server = spawn(process.execPath, [path.join(root, "scripts", "e2e-server.mjs"), String(port)], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const baseURL = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the e2e server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${baseURL}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) throw new Error("the e2e server did not answer within 180 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide("baseURL", baseURL);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
}
