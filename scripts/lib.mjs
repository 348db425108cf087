// Shared helpers for the project's node scripts (start, build, test, dev). Plain ESM so they run before any build.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Run a command, inheriting stdio; resolves on exit 0 and rejects with a message otherwise. */
export function run(cmd, args = [], options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: "inherit",
      ...options,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Create .env with a random AUTH_SECRET on first start, so a fresh clone needs no manual set-up. */
export function ensureEnvFile() {
  const file = path.join(root, ".env");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (/^AUTH_SECRET=/m.test(existing)) return;
  const secret = crypto.randomBytes(32).toString("base64url");
  const line = `# Generated on first start; keep it private. Sessions are signed with it.\nAUTH_SECRET=${secret}\n`;
  fs.writeFileSync(file, existing ? `${existing.trimEnd()}\n${line}` : line);
  console.log("Created .env with a new AUTH_SECRET.");
}

const SOURCE_DIRS = ["app", "components", "lib", "content", "public", "prisma"];
// public/runtime/manifest.json: the Python start-up scripts' hashed names, built into the site (next.config.js).
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation-client.ts", "package-lock.json", "tsconfig.json", "public/runtime/manifest.json"];
const SKIP = new Set(["node_modules", "generated", ".next", "pyodide", "runtime"]);

function newestMtime(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (SKIP.has(entry) || entry.endsWith(".db") || entry.includes(".db-")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** The production build is current when .next holds a build newer than every source file. */
export function buildIsCurrent() {
  const stamp = path.join(root, ".next", "BUILD_ID");
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!built) return false;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))), ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))));
  return newest < built;
}

export async function buildApp() {
  // --snapshot: the interpreter's memory snapshot (made once per change; starts Python several times faster).
  await run(process.execPath, [path.join(root, "scripts", "build-runtime.mjs"), "--snapshot"]);
  await run(bin("next"), ["build"]);
  // The inline-script hashes of prerendered pages, for their Content-Security-Policy (proxy.ts).
  await run(bin("tsx"), [path.join(root, "scripts", "csp-manifest.ts")]);
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

/**
 * Installs Debian packages whose files are missing (`[{ file, pkg }]`) when running as root; otherwise throws at once
 * naming the apt-get command to run.
 */
export async function ensureDebianPackages(wanted) {
  const missing = [...new Set(wanted.filter(({ file }) => !fs.existsSync(file)).map(({ pkg }) => pkg))];
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(" ")}`;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    throw new Error(`missing ${missing.join(", ")}. Install them with \`sudo apt-get update && sudo ${command}\``);
  }
  console.log(`Installing ${missing.join(", ")} from Debian…`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update"], { env });
  await run("apt-get", ["install", "-y", ...missing], { env });
}
