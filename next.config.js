// @ts-check
// JavaScript typed through JSDoc (checked by tsc): Node loads it as it is, with no TypeScript loader in the way.
import { runtimeHeaders } from "./lib/python/serve/headers.js";

/**
 * Cross-origin isolation gives the Python worker SharedArrayBuffer (Stop, preemption ticks, blocking input()).
 * Everything the app loads is same-origin, so require-corp costs nothing.
 */
const isolation = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
};

export default nextConfig;
