// @ts-check
// JavaScript typed through JSDoc (checked by tsc): Node loads it as it is, with no TypeScript loader in the way.
import fs from "node:fs";
import path from "node:path";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { runtimeHeaders } from "./lib/python/serve/headers.js";

/**
 * The Python workers' and the theme script's content-hashed URLs (written by scripts/build-runtime.mjs, which `npm run build` runs
 * first), built into the pages and bundles (lib/python/client/spawn.ts): cached for good, so a warm visit asks the
 * server nothing before Python starts. Not in `next dev`, whose pages would outlive the next runtime build's names
 * (spawn.ts then uses the stable ones).
 * @param {string} phase
 * @returns {Record<string, string>}
 */
function runtimeURLs(phase) {
  const file = path.join(import.meta.dirname, "public", "runtime", "manifest.json");
  if (phase === PHASE_DEVELOPMENT_SERVER || !fs.existsSync(file)) return {};
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  return { INTERLEAVE_WORKER_URL: manifest.worker, INTERLEAVE_TICKER_URL: manifest.ticker, ...(manifest.theme ? { INTERLEAVE_THEME_URL: manifest.theme } : {}) };
}

/**
 * Cross-origin isolation gives the Python worker SharedArrayBuffer (Stop, preemption ticks, blocking input()).
 * Everything the app loads is same-origin, so require-corp costs nothing.
 */
const isolation = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/**
 * @param {string} phase
 * @returns {import("next").NextConfig}
 */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  env: runtimeURLs(phase),
  poweredByHeader: false,
  // mdx-bundler runs esbuild at request/build time; keep both out of the server bundle.
  serverExternalPackages: ["mdx-bundler", "esbuild", "@shikijs/rehype", "shiki"],
  turbopack: { root: import.meta.dirname },
  // Tests and the headless tools reach the dev server as 127.0.0.1 rather than localhost.
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          ...isolation,
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
      // The service worker: always revalidated, so a new build's worker is picked up on the next visit.
      { source: "/sw.js", headers: [{ key: "Cache-Control", value: "no-cache" }] },
      // The Python runtime in public/: precompressed Pyodide and snapshot, immutable caching, the worker's CSP.
      ...runtimeHeaders(),
    ];
  },
});

export default nextConfig;
