/**
 * The sandbox of the in-browser runtime: learner code reaches neither the network (a trap server on another port
 * counts every request), nor the app's own server (the harness's server logs every request), nor the page.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PythonHarness } from "./harness/node";

let harness: PythonHarness;
/** Every path the harness's own server was asked for (to catch same-origin escapes). */
const ownRequests: string[] = [];
/** A second server on another port: nothing from learner code may ever reach it. */
const trapHits: string[] = [];
let trap: http.Server;
let trapOrigin = "";

beforeAll(async () => {
  trap = http.createServer((req, res) => {
    trapHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin", "Content-Type": "text/javascript" }).end("export default 1;");
  });
  await new Promise<void>((r) => trap.listen(0, "127.0.0.1", () => r()));
  trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  harness = await PythonHarness.start({ onRequest: (method, pathname) => ownRequests.push(`${method} ${pathname}`) });
}, 180_000);
afterAll(async () => {
  await harness?.close();
  await new Promise((r) => trap?.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the sandbox", () => {
  const probe = (trapURL: string) => `
import js, sys
T = ${JSON.stringify(trapURL)}
checks = {}
def check(name):
    def wrap(fn):
        checks[name] = fn
    return wrap
@check("js.fetch")
def _(): return js.fetch(T + "/fetch")
@check("js.XMLHttpRequest")
def _(): r = js.XMLHttpRequest.new(); r.open("GET", T + "/xhr"); r.send()
@check("js.WebSocket")
def _(): return js.WebSocket.new("ws://127.0.0.1:1/")
@check("js.EventSource")
def _(): return js.EventSource.new(T + "/es")
@check("js.importScripts")
def _(): return js.importScripts(T + "/is.js")
@check("js.Worker")
def _(): return js.Worker.new("/runtime/worker.mjs")
@check("js.navigator.sendBeacon")
def _(): return js.navigator.sendBeacon(T + "/beacon", "x")
@check("js.indexedDB")
def _(): return js.indexedDB.open("x")
@check("js.caches")
def _(): return js.caches.open("x")
@check("js.eval")
def _(): return js.eval("1")
@check("js.postMessage (forged protocol message)")
def _(): return js.postMessage({"v": 2, "type": "fatal", "message": "forged"})
@check("js.self / js.globalThis")
def _(): return js.self.fetch
@check("pyodide.code.run_js")
def _():
    from pyodide.code import run_js
    return run_js("fetch('" + T + "/runjs')")
@check("pyodide.http.pyfetch")
def _():
    import pyodide.http
    return pyodide.http.pyfetch(T + "/pyfetch")
@check("pyodide.http.open_url")
def _():
    import pyodide.http
    return pyodide.http.open_url(T + "/openurl")
@check("Function constructor")
def _(): return js.setTimeout.constructor("return import('" + T + "/fn')")()
@check("AsyncFunction constructor")
def _(): return js.Promise.resolve.constructor("return 1")
@check("setTimeout with a string")
def _(): return js.setTimeout("import('" + T + "/timer')", 0)
@check("pyodide_js.loadPackage")
def _():
    import pyodide_js
    return pyodide_js.loadPackage(T + "/pkg.whl")
@check("pyodide_js.runPython / _module")
def _():
    import pyodide_js
    return pyodide_js._module.HEAP8
@check("loadPackage through micropip")
def _():
    import micropip
    return micropip
allowed = []
for name, attempt in checks.items():
    try:
        result = attempt()
        if hasattr(result, "then") or hasattr(result, "__await__"):
            from pyodide.ffi import run_sync
            run_sync(result)
        allowed.append(name)
        print("ALLOWED", name)
    except BaseException as e:
        print("refused", name, "-", type(e).__name__)
print("checked", len(checks))
`;

  it("refuses every way out to the network, the app, storage and the page", async () => {
    const before = ownRequests.length;
    const r = await harness.run({ code: probe(trapOrigin) });
    await sleep(500); // anything that got out would have arrived by now
    expect(r.stdout).not.toContain("ALLOWED");
    expect(r.stdout).toContain("checked 21");
    expect(trapHits).toEqual([]);
    // Nothing but nothing: no same-origin requests either (the app's API would be one).
    expect(ownRequests.slice(before)).toEqual([]);
    expect(r.result.status).toBe("ok");
  });

  it("leaves Python's own js module without the worker's globals", async () => {
    const r = await harness.run({ code: "import js\nprint(sorted(n for n in dir(js) if not n.startswith('_')))\n" });
    for (const name of ["fetch", "XMLHttpRequest", "postMessage", "importScripts", "indexedDB", "navigator", "eval", "Function", "self", "location"]) {
      expect(r.stdout).not.toMatch(new RegExp(`'${name}'`));
    }
    expect(r.stdout).toContain("'setTimeout'");
  });
});
