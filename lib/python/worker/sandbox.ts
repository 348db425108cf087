/**
 * Takes away from the worker's global scope everything learner code could use to reach the network, the app's
 * API, storage or the page. Runs once, after Pyodide has loaded its own files and before any learner code.
 * Python sees JavaScript only through `jsglobals` (see JS_GLOBALS_FOR_PYTHON); `pyodide.code.run_js` and
 * `js.eval` still evaluate in this scope, which is why the dangerous names are removed here, from the scope
 * and from its prototypes.
 */

const BLOCKED = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "EventSource",
  "importScripts",
  "Worker",
  "SharedWorker",
  "BroadcastChannel",
  "indexedDB",
  "caches",
  "cookieStore",
  "Request",
  "WebTransport",
  "RTCPeerConnection",
  "postMessage",
  "close",
  "navigator",
  "location",
  "storageBuckets",
  "FileSystemHandle",
] as const;

export interface PrivateCapabilities {
  postMessage: (message: unknown) => void;
}

export function lockDownScope(scope: typeof globalThis): PrivateCapabilities {
  const post = (scope as unknown as { postMessage: (m: unknown) => void }).postMessage.bind(scope);
  // Walk the prototype chain (DedicatedWorkerGlobalScope → WorkerGlobalScope → EventTarget …).
  const owners: object[] = [];
  for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) owners.push(o);
  for (const name of BLOCKED) {
    for (const owner of owners) {
      try {
        if (Object.prototype.hasOwnProperty.call(owner, name)) delete (owner as Record<string, unknown>)[name];
      } catch {
        // non-configurable: shadow it below
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // already gone and locked
    }
  }
  return { postMessage: post };
}

/** What Python's `js` module may see: plain language built-ins and timers (asyncio's loop needs setTimeout). */
export function jsGlobalsForPython(scope: typeof globalThis): object {
  const allowed = [
    "Object", "Array", "Promise", "Error", "TypeError", "RangeError", "Math", "JSON", "Date", "Map", "Set", "WeakRef",
    "Number", "String", "Boolean", "Symbol", "Uint8Array", "Int32Array", "Float64Array", "ArrayBuffer", "DataView",
    "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "performance", "console",
  ];
  const out: Record<string, unknown> = {};
  for (const name of allowed) {
    const value = (scope as unknown as Record<string, unknown>)[name];
    out[name] = typeof value === "function" && /^[a-z]/.test(name) ? (value as (...a: unknown[]) => unknown).bind(scope) : value;
  }
  return out;
}
