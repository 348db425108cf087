import { describe, expect, it } from "vitest";
import { headersFor, runtimeHeaders, WORKER_CSP } from "./headers";

describe("headers for the Python runtime in public/", () => {
  it("sends Pyodide's files and the runtime's Python as stored gzip, cached for good", () => {
    for (const p of ["/pyodide/314.0.7/pyodide.asm.wasm", "/pyodide/314.0.7/python_stdlib.zip", "/runtime/pyfiles-0123abcd.bin"]) {
      expect(headersFor(p)).toMatchObject({ "Content-Encoding": "gzip", "Cache-Control": "public, max-age=31536000, immutable" });
    }
  });

  it("sends the snapshot's gzip as it is (the worker inflates it), cached for good", () => {
    expect(headersFor("/runtime/snapshot-0123abcd.bin")).toEqual({ "Cache-Control": "public, max-age=31536000, immutable" });
  });

  it("caches the content-hashed worker and theme scripts for good, and revalidates their stable names", () => {
    for (const p of ["/runtime/worker-0123456789abcdef.mjs", "/runtime/ticker-0123456789abcdef.mjs", "/runtime/theme-0123456789abcdef.js"]) {
      expect(headersFor(p)["Cache-Control"]).toBe("public, max-age=31536000, immutable");
      expect(headersFor(p)["Content-Encoding"]).toBeUndefined();
    }
    for (const p of ["/runtime/worker.mjs", "/runtime/ticker.mjs", "/runtime/early.js", "/runtime/manifest.json", "/theme-init.js"]) expect(headersFor(p)["Cache-Control"]).toBeUndefined();
    expect(headersFor("/runtime/theme-0123456789abcdef.js")["Content-Security-Policy"]).toBeUndefined(); // a page's script
  });

  it("gives the worker scripts the sandbox's CSP, and leaves other files alone", () => {
    for (const p of ["/runtime/worker.mjs", "/runtime/ticker.mjs", "/runtime/worker-0123456789abcdef.mjs", "/runtime/ticker-0123456789abcdef.mjs"]) {
      expect(headersFor(p)["Content-Security-Policy"]).toBe(WORKER_CSP);
    }
    expect(headersFor("/runtime/editor.worker.mjs")).toEqual({});
    expect(headersFor("/runtime/snapshot-x.bin.map")).toEqual({});
    expect(headersFor("/learn/pyodide/lesson")).toEqual({});
  });

  it("has a CSP without eval and without other origins", () => {
    expect(WORKER_CSP).not.toMatch(/[\s;]'unsafe-eval'/);
    expect(WORKER_CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(WORKER_CSP).toMatch(/connect-src 'self'/);
    expect(WORKER_CSP).not.toMatch(/\*|https?:/);
  });

  it("gives Next.js the same rules", () => {
    expect(runtimeHeaders().map((r) => r.source)).toEqual([
      "/pyodide/:path*",
      "/runtime/:name(pyfiles-[0-9a-f]+\\.bin)",
      "/runtime/:name(snapshot-[0-9a-f]+\\.bin)",
      "/runtime/:name(worker-[0-9a-f]+\\.mjs|ticker-[0-9a-f]+\\.mjs|theme-[0-9a-f]+\\.js)",
      "/runtime/:name(worker\\.mjs|ticker\\.mjs|worker-[0-9a-f]+\\.mjs|ticker-[0-9a-f]+\\.mjs)",
    ]);
  });
});
