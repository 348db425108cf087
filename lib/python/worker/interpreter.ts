/**
 * Starts Pyodide in the worker, from the prebuilt memory snapshot when there is one. Everything here shapes the
 * interpreter's memory at snapshot time, so this file (with ./sandbox.ts and py/interleave/preload.py) is part
 * of the snapshot's key in scripts/build-runtime.mjs: keep unrelated code out of it.
 */
import type * as PyodideModule from "pyodide";
import type { PyodideAPI } from "pyodide";
import { jsGlobalsForPython } from "./sandbox";

/**
 * Pyodide's loader, imported dynamically on purpose. Firefox and WebKit fetch a module worker's *static* imports
 * with the request destination "worker", so the worker's own CSP checks them against `worker-src`, which is
 * 'none' (lib/python/serve/headers.js); Chromium checks them against `script-src` (whatwg/html#9571). A dynamic
 * `import()` is a "script" fetch in every engine: allowed by `script-src 'self'`, and worker-src stays 'none'.
 */
async function importPyodide(): Promise<typeof PyodideModule> {
  return import("pyodide");
}

/**
 * Marks when Pyodide's WebAssembly module starts and ends instantiating (compiling, unless the browser's code cache
 * has it). Pyodide calls WebAssembly.instantiateStreaming itself; the wrapper only times the first call and puts the
 * original back.
 */
function timeInstantiation(mark: (name: string) => void) {
  const original = WebAssembly.instantiateStreaming;
  if (typeof original !== "function") return;
  WebAssembly.instantiateStreaming = async (...args: Parameters<typeof original>) => {
    WebAssembly.instantiateStreaming = original;
    mark("wasm instantiation started");
    const result = await original(...args);
    mark("wasm instantiated");
    return result;
  };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function startInterpreter(
  scope: typeof globalThis,
  makeSnapshot: boolean,
  useSnapshot = true,
  mark: (name: string) => void = () => undefined,
): Promise<{ py: PyodideAPI; fromSnapshot: boolean }> {
  const { loadPyodide } = await importPyodide();
  mark("pyodide.mjs imported");
  timeInstantiation(mark);
  const options = {
    indexURL: new URL(__PYODIDE_INDEX_URL__, scope.location.href).href,
    jsglobals: jsGlobalsForPython(scope),
    env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
    // No packages: only the standard library exists here, so loadPackage has nothing to load from anywhere.
    lockFileContents: JSON.stringify({ info: JSON.parse(__PYODIDE_LOCK_INFO__), packages: {} }),
    checkAPIVersion: true,
    stdout: (line: string) => console.log(line),
    stderr: (line: string) => console.warn(line),
  };
  if (!makeSnapshot && useSnapshot && __SNAPSHOT_URL__) {
    try {
      const py = await loadPyodide({ ...options, _loadSnapshot: fetchBytes(new URL(__SNAPSHOT_URL__, scope.location.href).href) });
      return { py, fromSnapshot: true };
    } catch (err) {
      // A missing or mismatched snapshot only costs time: start the slow way.
      console.warn(`Python snapshot not used: ${(err as Error).message}`);
    }
  }
  const py = await loadPyodide({ ...options, _makeSnapshot: makeSnapshot });
  return { py, fromSnapshot: false };
}
