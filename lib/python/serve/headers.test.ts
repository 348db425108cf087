import { describe, expect, it } from "vitest";
import { headersFor, runtimeHeaders, WORKER_CSP } from "./headers";

describe("headers for the Python runtime in public/", () => {
  it("sends Pyodide's files and the snapshot as stored gzip, cached for good", () => {
    for (const p of ["/pyodide/314.0.7/pyodide.asm.wasm", "/pyodide/314.0.7/python_stdlib.zip", "/runtime/snapshot-0123abcd.bin"]) {
      expect(headersFor(p)).toMatchObject({ "Content-Encoding": "gzip", "Cache-Control": "public, max-age=31536000, immutable" });
    }
  });

  it("gives the worker scripts the sandbox's CSP, and leaves other files alone", () => {
    expect(headersFor("/runtime/worker.mjs")["Content-Security-Policy"]).toBe(WORKER_CSP);
    expect(headersFor("/runtime/ticker.mjs")["Content-Security-Policy"]).toBe(WORKER_CSP);
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
    expect(runtimeHeaders().map((r) => r.source)).toEqual(["/pyodide/:path*", "/runtime/:name(snapshot-[0-9a-f]+\\.bin)", "/runtime/:name(worker\\.mjs|ticker\\.mjs)"]);
  });
});
