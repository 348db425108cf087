// @ts-check
// JavaScript typed through JSDoc (checked by tsc): next.config.js imports it, and Node loads that file untranspiled.

/**
 * Response headers for the built Python runtime in public/ (scripts/build-runtime.mjs), used by next.config.js and
 * by the headless harness's server, so the site and the tests serve the runtime the same way.
 *
 * - Everything under /pyodide/<version>/ and the runtime's Python files are stored gzip-compressed and sent with
 *   `Content-Encoding: gzip` (compressed once at build time, never per request: the wasm is 9.6 MB). Next.js cannot
 *   do this from a route handler: it drops Content-Encoding from route responses (next/dist/server/send-response.js),
 *   so these are static files with header rules. No negotiation: every browser accepts gzip.
 *   The memory snapshot is stored gzip-compressed as well but sent without Content-Encoding: the worker inflates it
 *   itself, beside the browser's inflating of the WebAssembly (lib/python/worker/interpreter.ts says why).
 * - Those URLs carry a version or a content hash, so they are cached for good; so are the content-hashed names of the
 *   worker scripts (worker-<hash>.mjs, ticker-<hash>.mjs). Their stable names (worker.mjs, ticker.mjs) are
 *   revalidated.
 * - The worker scripts carry a Content-Security-Policy that is part of the sandbox (lib/python/worker/sandbox.ts):
 *   no eval/new Function, no scripts or connections to other origins.
 * Plain data with no imports: next.config.js loads this file.
 */

/** @typedef {{ key: string; value: string }} Header */
/**
 * @typedef {object} HeaderRule
 * @property {string} source Next.js `headers()` source pattern.
 * @property {RegExp} pattern The same set of paths, for servers that are not Next.js.
 * @property {Header[]} headers
 */

export const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'none'";
const IMMUTABLE = { key: "Cache-Control", value: "public, max-age=31536000, immutable" };
const GZIP = { key: "Content-Encoding", value: "gzip" };

/** @type {HeaderRule[]} */
export const RUNTIME_HEADER_RULES = [
  { source: "/pyodide/:path*", pattern: /^\/pyodide\//, headers: [GZIP, IMMUTABLE] },
  { source: "/runtime/:name(pyfiles-[0-9a-f]+\\.bin)", pattern: /^\/runtime\/pyfiles-[0-9a-f]+\.bin$/, headers: [GZIP, IMMUTABLE] },
  // Stored gzip too, but sent as it is: the worker inflates it on its own thread (lib/python/worker/interpreter.ts).
  { source: "/runtime/:name(snapshot-[0-9a-f]+\\.bin)", pattern: /^\/runtime\/snapshot-[0-9a-f]+\.bin$/, headers: [IMMUTABLE] },
  // The worker scripts and the theme script under their content-hashed names (scripts/build-runtime.mjs): a warm
  // visit asks nothing.
  {
    source: "/runtime/:name(worker-[0-9a-f]+\\.mjs|ticker-[0-9a-f]+\\.mjs|theme-[0-9a-f]+\\.js)",
    pattern: /^\/runtime\/((worker|ticker)-[0-9a-f]+\.mjs|theme-[0-9a-f]+\.js)$/,
    headers: [IMMUTABLE],
  },
  {
    source: "/runtime/:name(worker\\.mjs|ticker\\.mjs|worker-[0-9a-f]+\\.mjs|ticker-[0-9a-f]+\\.mjs)",
    pattern: /^\/runtime\/(worker|ticker)(-[0-9a-f]+)?\.mjs$/,
    headers: [{ key: "Content-Security-Policy", value: WORKER_CSP }],
  },
];

/**
 * For next.config.js: `async headers() { return [...yours, ...runtimeHeaders()] }`.
 * @returns {Array<{ source: string; headers: Header[] }>}
 */
export function runtimeHeaders() {
  return RUNTIME_HEADER_RULES.map(({ source, headers }) => ({ source, headers }));
}

/**
 * The headers the rules give to `pathname` (later rules win, as in Next.js).
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function headersFor(pathname) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const rule of RUNTIME_HEADER_RULES) {
    if (rule.pattern.test(pathname)) for (const { key, value } of rule.headers) out[key] = value;
  }
  return out;
}
