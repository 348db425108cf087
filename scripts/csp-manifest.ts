// After `next build`: the SHA-256 of every inline script of every prerendered page, so proxy.ts can serve those
// fixed HTML files under a CSP without 'unsafe-inline' (a nonce cannot be put into HTML made at build time).
import fs from "node:fs";
import path from "node:path";
import { inlineScriptHashes, routeOfPrerenderedFile, type StaticCspManifest } from "../lib/security/csp";

const root = process.cwd();
const appDir = path.join(root, ".next", "server", "app");
const buildId = fs.readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith(".html")) yield full;
  }
}

const manifest: StaticCspManifest = { buildId, pages: {}, notFound: [] };
for (const file of htmlFiles(appDir)) {
  const route = routeOfPrerenderedFile(path.relative(appDir, file));
  if (!route) continue;
  const hashes = inlineScriptHashes(fs.readFileSync(file, "utf8"));
  if (route === "/_not-found") manifest.notFound = hashes;
  else manifest.pages[route] = hashes;
}
fs.writeFileSync(path.join(root, ".next", "csp-manifest.json"), JSON.stringify(manifest));
console.log(`CSP: hashed the inline scripts of ${Object.keys(manifest.pages).length} prerendered page(s).`);
