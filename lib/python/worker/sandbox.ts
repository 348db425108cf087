/**
 * The worker is a sandbox for learners' (untrusted) Python. Layers, outermost first:
 *  1. The worker script is served with a Content-Security-Policy (lib/python/serve/assets.ts): no eval or
 *     `new Function`, scripts and connections only from our origin. This is what stops dynamic `import()`.
 *  2. `lockDownScope` deletes from the worker's global scope (and its prototypes) everything that reaches the
 *     network, storage, other workers or the page, after the runtime kept private references to what it needs.
 *  3. Python's `js` module sees only `jsGlobalsForPython` (language built-ins and wrapped timers), and
 *     `pyodide_js` is replaced by a stub with the two fields Pyodide's own Python code reads.
 *  4. The Function constructors are poisoned, so `some_js_function.constructor("code")` cannot evaluate code even
 *     where the CSP is missing (e.g. a deployment that drops the header).
 */

/** Globals that reach the network, storage, other contexts or the page. */
export const BLOCKED_GLOBALS = [
  "fetch",
  "fetchLater",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "WebTransport",
  "EventSource",
  "importScripts",
  "Worker",
  "SharedWorker",
  "BroadcastChannel",
  "indexedDB",
  "IDBFactory",
  "caches",
  "CacheStorage",
  "cookieStore",
  "Request",
  "RTCPeerConnection",
  "RTCDataChannel",
  "postMessage",
  "close",
  "onmessage",
  "navigator",
  "Navigator",
  "WorkerNavigator",
  "location",
  "storageBuckets",
  "FileSystemHandle",
  "FileSystemDirectoryHandle",
  "FileSystemFileHandle",
  "FontFace",
  "fonts",
  "FontFaceSet",
  "Notification",
  "ServiceWorkerRegistration",
  "eval",
] as const;

export interface PrivateCapabilities {
  postMessage: (message: unknown, transfer?: Transferable[]) => void;
}

type Scope = typeof globalThis;

/**
 * Removes BLOCKED_GLOBALS from the scope and everything it inherits from, then defines them as undefined so they
 * cannot come back. Returns the one capability the runtime keeps: posting protocol messages to the page.
 */
export function lockDownScope(scope: Scope): PrivateCapabilities {
  const rawPost = (scope as unknown as { postMessage: (m: unknown, t?: Transferable[]) => void }).postMessage;
  const post = rawPost.bind(scope);
  const owners: object[] = [];
  for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) owners.push(o);
  for (const name of BLOCKED_GLOBALS) {
    for (const owner of owners) {
      try {
        if (Object.prototype.hasOwnProperty.call(owner, name)) delete (owner as Record<string, unknown>)[name];
      } catch {
        // non-configurable: shadowed below
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // already gone and locked
    }
  }
  poisonFunctionConstructors();
  return { postMessage: (m, t) => post(m, t ?? []) };
}

/**
 * `fn.constructor` of any function is Function (or AsyncFunction, …), which compiles code in the global scope.
 * Python reaches functions through any JsProxy, so the constructors are replaced on the prototypes. The global
 * `Function` binding stays (Pyodide uses `instanceof Function`), but Python has no path to the global scope.
 */
function poisonFunctionConstructors() {
  const refuse = function refused() {
    throw new EvalError("Evaluating code is disabled in the Python sandbox");
  };
  const prototypes = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
  ] as object[];
  for (const proto of prototypes) {
    try {
      Object.defineProperty(proto, "constructor", { value: refuse, writable: false, configurable: false });
    } catch {
      // already locked
    }
  }
}

/** Timers that only take functions (a string would be evaluated) and call them without `this` (the global). */
function safeTimer<T extends (handler: () => void, ms?: number) => number>(timer: T) {
  return (handler: unknown, ms?: number, ...args: unknown[]) => {
    if (typeof handler !== "function") throw new TypeError("timers accept only functions in the Python sandbox");
    return timer(() => (handler as (...a: unknown[]) => void)(...args), ms);
  };
}

/**
 * What Python's `js` module may see: plain language built-ins and timers (Pyodide's asyncio loop needs them).
 * Built at start-up from the real scope; the names must stay the same between snapshot and restore, because a
 * memory snapshot refers to JavaScript values by their path from this object.
 */
export function jsGlobalsForPython(scope: Scope): Record<string, unknown> {
  const g = scope as unknown as Record<string, unknown>;
  const builtins = [
    "Object", "Array", "Promise", "Error", "TypeError", "RangeError", "Math", "JSON", "Date", "Map", "Set", "WeakMap",
    "WeakSet", "WeakRef", "Number", "String", "Boolean", "Symbol", "BigInt", "Uint8Array", "Int32Array", "Float64Array",
    "ArrayBuffer", "DataView", "TextEncoder", "TextDecoder", "Atomics",
  ];
  const out: Record<string, unknown> = {};
  for (const name of builtins) out[name] = g[name];
  const setTimeoutFn = scope.setTimeout.bind(scope) as unknown as (h: () => void, ms?: number) => number;
  const setIntervalFn = scope.setInterval.bind(scope) as unknown as (h: () => void, ms?: number) => number;
  out.setTimeout = safeTimer(setTimeoutFn);
  out.setInterval = safeTimer(setIntervalFn);
  out.clearTimeout = (id: number) => scope.clearTimeout(id);
  out.clearInterval = (id: number) => scope.clearInterval(id);
  out.queueMicrotask = (cb: unknown) => {
    if (typeof cb !== "function") throw new TypeError("queueMicrotask accepts only functions");
    scope.queueMicrotask(() => (cb as () => void)());
  };
  out.performance = { now: () => scope.performance.now(), timeOrigin: scope.performance.timeOrigin };
  const log = (level: "log" | "warn" | "error") => (...args: unknown[]) => scope.console[level](...args);
  out.console = { log: log("log"), warn: log("warn"), error: log("error"), info: log("log"), debug: log("log") };
  return out;
}

/**
 * The stand-in for Pyodide's `pyodide_js` module: Pyodide's Python code reads `_api.config` (asyncio.run),
 * `_api.scheduleCallback` (its event loop) and `loadedPackages`. Nothing else of Pyodide's JavaScript API
 * (loadPackage, runPython, the Emscripten module, the file system) is reachable from Python.
 */
export function pyodideJsStub(api: { _api?: { scheduleCallback?: unknown } }, version: string): Record<string, unknown> {
  return {
    version,
    loadedPackages: {},
    _api: {
      config: { enableRunUntilComplete: true },
      scheduleCallback: api._api?.scheduleCallback,
    },
  };
}
