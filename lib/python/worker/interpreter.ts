/**
 * Starts Pyodide in the worker, from the prebuilt memory snapshot when there is one. Everything here shapes the
 * interpreter's memory at snapshot time, so this file (with ./sandbox.ts and every file under py/) is part
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
 * Pyodide instantiates its WebAssembly with WebAssembly.instantiateStreaming once it has imported pyodide.asm.mjs
 * and (with a snapshot) received the whole snapshot, so compiling only starts after both. `compiled` is the same
 * module compiled from the start of the boot, beside those downloads: Pyodide's first instantiateStreaming call uses
 * it (its own request for the wasm is answered with an empty response by `answerEarly`, instead of a second
 * download: the browser would read and unpack the 9.6 MB again). If compiling failed, the wasm is fetched and
 * instantiated as Pyodide would. The hook is one-shot and puts the original back; it also marks when instantiation
 * starts and ends.
 */
function instantiateWith(wasmURL: string, compiled: Promise<WebAssembly.Module> | null, realFetch: typeof fetch, mark: (name: string) => void) {
  const original = WebAssembly.instantiateStreaming;
  if (typeof original !== "function") return;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    WebAssembly.instantiateStreaming = original;
    mark("wasm instantiation started");
    const precompiled = compiled ? await compiled.catch(() => null) : null;
    let result: WebAssembly.WebAssemblyInstantiatedSource;
    if (precompiled) result = { module: precompiled, instance: await WebAssembly.instantiate(precompiled, imports) };
    else result = await original(compiled ? realFetch(wasmURL) : source, imports);
    mark("wasm instantiated");
    return result;
  };
}

/**
 * Answers Pyodide's own fetches of `early`'s URLs, each once, with the responses given (requested when the boot
 * started, or made up), and passes every other request on. The standard library (python_stdlib.zip) is one: Pyodide
 * asks for it only once pyodide.mjs is imported, and a restored interpreter then waited 0.3–0.4 s for it after
 * instantiation (bench traces of warm starts). `answered` is told of each URL so answered. Returns the undo, which
 * the start calls when it is over.
 */
function answerEarly(scope: typeof globalThis, early: Map<string, Promise<Response>>, answered: (url: string) => void): () => void {
  const realFetch = scope.fetch;
  const undo = () => {
    scope.fetch = realFetch;
  };
  scope.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = early.get(url);
    if (!response) return realFetch(input, init);
    early.delete(url);
    if (early.size === 0) undo();
    answered(url);
    return response;
  };
  return undo;
}

/** Pyodide's WebAssembly, compiled while the rest loads (from the browser's code cache when it has it). */
function compileWasm(url: string, mark: (name: string) => void): Promise<WebAssembly.Module> | null {
  if (typeof WebAssembly.compileStreaming !== "function") return null;
  const compiled = WebAssembly.compileStreaming(fetch(url)).then((wasm) => {
    mark("wasm compiled");
    return wasm;
  });
  compiled.catch(() => undefined); // a failure is handled where it is awaited (the original path takes over)
  return compiled;
}

/**
 * The memory snapshot, unpacked here. It is stored gzip-compressed (6 MB for 31 MB) and sent as it is, without
 * `Content-Encoding` (lib/python/serve/headers.js): the browser would otherwise inflate it in its network process,
 * one thread that at the same time reads and inflates Pyodide's 9.6 MB of WebAssembly for the compiler, so the two
 * downloads took turns. Inflated by this worker's thread, which has nothing else to do while pyodide.mjs loads and
 * the wasm compiles, the snapshot arrives sooner.
 */
async function fetchSnapshot(url: string, mark: (name: string) => void): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  mark("snapshot read");
  return bytes;
}

/** Cache Storage's cache that holds the unpacked snapshot of this build (one entry, keyed by its hashed URL). */
const UNPACKED_SNAPSHOTS = "interleave-python-snapshot";

/**
 * The snapshot, unpacked: from Cache Storage when an earlier start kept it there, otherwise downloaded and inflated,
 * with `keep` to store it for the next start (the caller calls it once the interpreter is ready, off the start's
 * path: writing 31 MB costs the machine too). Reading the 31 MB kept takes 45-75 ms of this thread, where fetching
 * and inflating the 6 MB from the HTTP cache took 165 ms alone (Chromium, measured in a quiet page), and far more
 * beside the wasm's compilation and the page's hydration on two cores. `storage` is the worker's CacheStorage, taken
 * before the sandbox removes it; without one (or if it fails: private modes, quota) the download is used.
 */
async function readSnapshot(
  url: string,
  storage: CacheStorage | undefined,
  mark: (name: string) => void,
): Promise<{ bytes: Uint8Array; keep: (() => Promise<void>) | null; forget: (() => Promise<void>) | null }> {
  const cache = storage ? await storage.open(UNPACKED_SNAPSHOTS).catch(() => null) : null;
  if (cache) {
    try {
      const kept = await cache.match(url);
      if (kept) {
        const bytes = new Uint8Array(await kept.arrayBuffer());
        mark("snapshot read");
        mark("snapshot taken from Cache Storage");
        return { bytes, keep: null, forget: async () => void (await cache.delete(url)) };
      }
    } catch {
      // an unreadable entry: download instead (and store it again)
    }
  }
  const bytes = await fetchSnapshot(url, mark);
  const Stored = Response; // taken now: `keep` runs after the sandbox has closed the worker's scope
  const keep = cache
    ? async () => {
        for (const old of await cache.keys()) if (old.url !== url) await cache.delete(old);
        // Another worker of this page (a child process's) may have kept it meanwhile: 31 MB are written once.
        if (await cache.match(url)) return;
        await cache.put(url, new Stored(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
      }
    : null;
  return { bytes, keep, forget: null };
}

/**
 * Pyodide picks its flavour when it starts (its JavaScript looks for `WebAssembly.Suspending`), and the memory it
 * leaves differs between the two: its function table holds other entries, so a snapshot made with stack switching
 * and restored without it fails ("call_indirect to a signature that does not match"). The build therefore makes one
 * snapshot per flavour (scripts/build-runtime.mjs). Without stack switching (a browser that lacks it, or one told to
 * behave so: RuntimeOptions.without), the API is removed from this worker's `WebAssembly` before Pyodide looks, so
 * Pyodide's flavour is always the one the worker reports and the one whose snapshot it loads.
 */
function hideStackSwitching() {
  const wasm = WebAssembly as unknown as Record<string, unknown>;
  for (const name of ["Suspending", "Suspender", "promising"]) delete wasm[name];
}

export async function startInterpreter(
  scope: typeof globalThis,
  options: { makeSnapshot: boolean; useSnapshot: boolean; stackSwitching: boolean },
  mark: (name: string) => void = () => undefined,
): Promise<{ py: PyodideAPI; fromSnapshot: boolean; keepSnapshot: (() => Promise<void>) | null }> {
  const { makeSnapshot, useSnapshot, stackSwitching } = options;
  if (!stackSwitching) hideStackSwitching();
  const indexURL = new URL(__PYODIDE_INDEX_URL__, scope.location.href).href;
  const snapshotFile = stackSwitching ? __SNAPSHOT_URL__ : __SNAPSHOT_NO_JSPI_URL__;
  // Everything big starts at once, before pyodide.mjs is even imported: the snapshot (unpacked on this thread as it
  // arrives), the WebAssembly (compiled meanwhile, off this thread) and pyodide.asm.mjs (the same module instance
  // Pyodide imports later: one module map per worker).
  const snapshotURL =
    !makeSnapshot && useSnapshot && snapshotFile && typeof DecompressionStream === "function" ? new URL(snapshotFile, scope.location.href).href : "";
  const read = snapshotURL ? readSnapshot(snapshotURL, typeof scope.caches === "object" ? scope.caches : undefined, mark) : null;
  read?.catch(() => undefined); // handled where loadPyodide awaits it
  const snapshot = read ? read.then((r) => r.bytes) : null;
  snapshot?.catch(() => undefined);
  const wasmURL = `${indexURL}pyodide.asm.wasm`;
  const compiled = compileWasm(wasmURL, mark);
  const stdlibURL = `${indexURL}python_stdlib.zip`;
  const stdlib = fetch(stdlibURL);
  stdlib.catch(() => undefined); // Pyodide reports a failure where it reads it
  import(`${indexURL}pyodide.asm.mjs`).catch(() => undefined); // a failure shows where Pyodide imports it
  const realFetch = scope.fetch.bind(scope);
  const { loadPyodide } = await importPyodide();
  mark("pyodide.mjs imported");
  const early = new Map([[stdlibURL, stdlib]]);
  if (compiled) early.set(wasmURL, Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } })));
  const undo = answerEarly(scope, early, (url) => url === stdlibURL && mark("standard library handed over"));
  instantiateWith(wasmURL, compiled, realFetch, mark);
  const loadOptions = {
    indexURL,
    jsglobals: jsGlobalsForPython(scope),
    env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
    // No packages: only the standard library exists here, so loadPackage has nothing to load from anywhere.
    lockFileContents: JSON.stringify({ info: JSON.parse(__PYODIDE_LOCK_INFO__), packages: {} }),
    checkAPIVersion: true,
    stdout: (line: string) => console.log(line),
    stderr: (line: string) => console.warn(line),
  };
  try {
    if (snapshot) {
      try {
        const py = await loadPyodide({ ...loadOptions, _loadSnapshot: snapshot });
        return { py, fromSnapshot: true, keepSnapshot: (await read)?.keep ?? null };
      } catch (err) {
        // A missing or mismatched snapshot only costs time: start the slow way. One kept in Cache Storage is
        // dropped, so the next start downloads it again instead of failing the same way.
        console.warn(`Python snapshot not used: ${(err as Error).message}`);
        await (await read?.catch(() => null))?.forget?.().catch(() => undefined);
      }
    }
    const py = await loadPyodide({ ...loadOptions, _makeSnapshot: makeSnapshot });
    return { py, fromSnapshot: false, keepSnapshot: null };
  } finally {
    undo();
  }
}

/** Where the worker writes the runtime's Python (scripts/build-runtime.mjs compiles its bytecode for this path). */
export const RUNTIME_DIR = "/lib/interleave-runtime";

/** path (relative to RUNTIME_DIR) → bytes; see writePyFiles in scripts/build-runtime.mjs for the format. */
export type PyFiles = Map<string, Uint8Array>;

/**
 * Writes the runtime's Python, with its bytecode in __pycache__ (checked hash-based .pyc files, compiled at build
 * time: importing them compiles nothing), into the file system and puts its directory first on sys.path. A restored
 * interpreter needs the files again: Emscripten's file system is not part of the memory snapshot.
 */
export function installRuntimeFiles(py: PyodideAPI, files: PyFiles) {
  for (const [rel, bytes] of files) {
    const path = `${RUNTIME_DIR}/${rel}`;
    py.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    py.FS.writeFile(path, bytes);
  }
  py.runPython(`import sys\nif ${JSON.stringify(RUNTIME_DIR)} not in sys.path:\n    sys.path.insert(0, ${JSON.stringify(RUNTIME_DIR)})`);
}

/**
 * The memory snapshot's recipe, run in a fresh interpreter started with `_makeSnapshot`: the standard library warmed
 * up (interleave/preload.py, run as __main__) and the runtime's own packages imported and warmed
 * (interleave.runner.prepare_snapshot), nothing of them bound to this worker's JavaScript yet (a snapshot cannot hold references to JavaScript objects;
 * runner.boot makes them after the restore). Every runtime Python file is therefore part of the snapshot's key.
 */
export function prepareSnapshot(py: PyodideAPI, files: PyFiles) {
  const preload = files.get("interleave/preload.py");
  if (!preload) throw new Error("interleave/preload.py is missing from the runtime's Python files");
  installRuntimeFiles(py, files);
  py.runPython(new TextDecoder().decode(preload));
  py.runPython("import interleave.runner\ninterleave.runner.prepare_snapshot()");
}
