/**
 * The lesson page's early start, inlined: public/runtime/early.js (built from lib/python/client/early.ts by
 * scripts/build-runtime.mjs) as the text of a classic <script> near the top of the page. It runs as soon as the
 * parser reaches it, before any of the page's own (async) scripts, and creates the page's shared memory, ticker and
 * Python worker; the runtime adopts that worker after hydration (lib/python/client/spawn.ts). Inline rather than
 * `<script src>`: nothing to fetch or revalidate, and no waiting behind the framework's chunks. Pages prerendered at
 * build time get its hash into their Content-Security-Policy like every other inline script (scripts/csp-manifest.ts);
 * server-rendered ones get the request's nonce.
 */
import fs from "node:fs";
import path from "node:path";

let cached: { mtimeMs: number; text: string } | null = null;

/** The script's text, or null when the runtime is not built (the page then starts Python after hydration). */
export function earlyStartScript(root: string = process.cwd()): string | null {
  const file = path.join(root, "public", "runtime", "early.js");
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return null;
  if (cached?.mtimeMs !== stat.mtimeMs) {
    const text = fs.readFileSync(file, "utf8").trim();
    // Inlined into HTML: a closing tag inside would end the script early.
    if (/<\/script/i.test(text)) throw new Error(`${file} contains "</script": it cannot be inlined`);
    cached = { mtimeMs: stat.mtimeMs, text };
  }
  return cached.text;
}
