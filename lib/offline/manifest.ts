/**
 * What the service worker (public/sw.js) stores so the course works with the network cut after a first visit:
 * the catalog and every published lesson page, the app's static bundles, and the Python runtime (Pyodide, the
 * memory snapshot, the workers). `version` changes with every build or runtime change, which makes the service
 * worker fetch a fresh set and drop the old one.
 */
import fs from "node:fs";
import path from "node:path";
import type { Course } from "@/lib/content/discover";

export interface OfflineManifest {
  version: string;
  /** Pages: kept fresh from the network, served from the cache when offline. */
  pages: string[];
  /** Files whose URL changes with their content (or that are small): served from the cache first. */
  assets: string[];
  /**
   * The memory snapshots, one per flavour (null when not built): 6 MB each, and a browser restores only the one made
   * with its own WebAssembly stack switching (lib/python/worker/interpreter.ts), so the service worker stores that one.
   */
  snapshots: { jspi: string | null; noJspi: string | null };
}

function walk(dir: string, base: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, `${base}/${entry.name}`));
    else out.push(`${base}/${entry.name}`);
  }
  return out;
}

const SNAPSHOT = /\/snapshot-[0-9a-f]+\.bin$/;

/** public/runtime/manifest.json (scripts/build-runtime.mjs): which snapshot is which flavour. */
function readRuntimeManifest(root: string): { snapshot?: string; snapshotNoJspi?: string } {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "public", "runtime", "manifest.json"), "utf8"));
  } catch {
    return {};
  }
}

export function offlineManifest(course: Course, root: string = process.cwd()): OfflineManifest {
  const buildId = fs.existsSync(path.join(root, ".next", "BUILD_ID")) ? fs.readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim() : "dev";
  const runtime = walk(path.join(root, "public", "runtime"), "/runtime").filter((f) => !f.endsWith("/harness.mjs"));
  const built = readRuntimeManifest(root);
  const snapshotNamed = (url: string | undefined) => (url && runtime.includes(url) ? url : null);
  const pyodide = walk(path.join(root, "public", "pyodide"), "/pyodide");
  const statics = walk(path.join(root, ".next", "static"), "/_next/static").filter((f) => !f.endsWith(".map"));
  const snapshot = runtime.find((f) => SNAPSHOT.test(f)) ?? "no-snapshot";
  return {
    version: `${buildId}-${path.basename(snapshot, ".bin")}-${course.lessons.length}`,
    pages: ["/", "/glossary", ...course.lessons.map((l) => l.href)],
    assets: ["/theme-init.js", "/icon.svg", ...runtime.filter((f) => !SNAPSHOT.test(f)), ...pyodide, ...statics].sort(),
    snapshots: { jspi: snapshotNamed(built.snapshot), noJspi: snapshotNamed(built.snapshotNoJspi) },
  };
}
