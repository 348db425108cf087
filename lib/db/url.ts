import fs from "node:fs";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

/** The project root: the nearest folder up from the working directory with this project's package.json (bundlers
 *  leave no reliable module path in server code, and scripts may run from a subfolder). */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && /"name":\s*"interleave"/.test(fs.readFileSync(pkg, "utf8"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const projectRoot = findRoot();

/** The default database: prisma/dev.db in the project, whatever the current directory. */
export const DEFAULT_DATABASE_URL = `file:${path.join(projectRoot, "prisma", "dev.db")}`;

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.slice(0, 40)}"`);
}

/** `file:./x.db` is resolved against the project root (not the process's directory) so scripts and the server agree. */
export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/i, "").replace(/\?.*$/, "");
  return path.isAbsolute(p) ? p : path.join(/* turbopackIgnore: true */ projectRoot, p);
}

export function normalizeUrl(url: string): string {
  return providerOf(url) === "sqlite" ? `file:${sqlitePath(url)}` : url;
}

export function schemaDir(provider: Provider): string {
  return path.join(projectRoot, "prisma", provider === "sqlite" ? "sqlite" : "postgres");
}
