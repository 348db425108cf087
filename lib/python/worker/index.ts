/**
 * The Python worker: one Pyodide interpreter in a module Web Worker. It speaks only the protocol in
 * lib/python/protocol.ts, runs one program at a time, streams its output in batches, blocks input() on a
 * SharedArrayBuffer the page fills, and is interrupted through Pyodide's interrupt buffer.
 */
import { loadPyodide, type PyodideAPI } from "pyodide";
import pyFiles from "virtual:py-files";
import { FromWorkerSchema, PROTOCOL_VERSION, STDIN, ToWorkerSchema, type FromWorker, type ToWorker } from "../protocol";
import { jsGlobalsForPython, lockDownScope, type PrivateCapabilities } from "./sandbox";

type PyProxyFn = ((...args: unknown[]) => unknown) & { callPromising(...args: unknown[]): Promise<unknown>; destroy(): void };

const scope = globalThis;
let caps: PrivateCapabilities = { postMessage: (m) => (scope as unknown as Worker).postMessage(m) };
let pyodide: PyodideAPI | undefined;
let runProgram: PyProxyFn | undefined;
let interrupt: Int32Array | null = null;
let stdinCtrl: Int32Array | null = null;
let stdinData: Uint8Array | null = null;
let jspi = false;

type Out = FromWorker extends infer M ? (M extends { v: number } ? Omit<M, "v"> : never) : never;
function send(message: Out) {
  caps.postMessage({ v: PROTOCOL_VERSION, ...message });
}

// ---- Output: batched so a flood of prints costs the page a few messages per frame, not one per line ----
const FLUSH_MS = 25;
const FLUSH_BYTES = 64 * 1024;
let currentRun = -1;
const pending = { stdout: "", stderr: "" };
let lastFlush = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  lastFlush = performance.now();
  for (const stream of ["stderr", "stdout"] as const) {
    if (pending[stream]) {
      send({ type: "output", id: currentRun, stream, text: pending[stream] });
      pending[stream] = "";
    }
  }
}

function writer(stream: "stdout" | "stderr") {
  const decoder = new TextDecoder();
  return {
    isatty: true, // line-buffered, as in a terminal
    write(bytes: Uint8Array) {
      // Keep stdout/stderr in order: a switch of stream flushes the other one first.
      const other = stream === "stdout" ? "stderr" : "stdout";
      if (pending[other]) flush();
      pending[stream] += decoder.decode(bytes, { stream: true });
      const now = performance.now();
      if (pending[stream].length > FLUSH_BYTES || now - lastFlush > FLUSH_MS) flush();
      else flushTimer ??= setTimeout(flush, FLUSH_MS);
      return bytes.length;
    },
  };
}

// ---- input(): block on the shared buffer until the page answers ----
let presetStdin: string[] = [];
const encoderless = new TextDecoder();

function readLine(): string | null {
  if (presetStdin.length) return `${presetStdin.shift()}\n`;
  if (!stdinCtrl || !stdinData) return null; // no SharedArrayBuffer: input() sees end of file
  flush();
  Atomics.store(stdinCtrl, 0, STDIN.WAITING);
  send({ type: "input-request", id: currentRun, prompt: "" });
  while (Atomics.load(stdinCtrl, 0) === STDIN.WAITING) Atomics.wait(stdinCtrl, 0, STDIN.WAITING, 1000);
  const state = Atomics.load(stdinCtrl, 0);
  if (state === STDIN.INTERRUPT) {
    pyodide!.checkInterrupt(); // raises KeyboardInterrupt, as Ctrl+C at a prompt does
    return null;
  }
  if (state === STDIN.EOF) return null;
  const length = Atomics.load(stdinCtrl, 1);
  // Copy out of the shared memory: TextDecoder refuses shared buffers.
  return `${encoderless.decode(stdinData.slice(0, length))}\n`;
}

async function boot(init: Extract<ToWorker, { type: "init" }>) {
  const started = performance.now();
  if (init.interruptBuffer) interrupt = new Int32Array(init.interruptBuffer);
  if (init.stdinBuffer) {
    stdinCtrl = new Int32Array(init.stdinBuffer, 0, 2);
    stdinData = new Uint8Array(init.stdinBuffer, STDIN.HEADER_BYTES);
  }
  send({ type: "phase", step: "Loading the Python interpreter", progress: 0.1 });
  const indexURL = new URL("/pyodide/", scope.location.href).href;
  pyodide = await loadPyodide({ indexURL, jsglobals: jsGlobalsForPython(scope), checkAPIVersion: true });
  send({ type: "phase", step: "Preparing the runtime", progress: 0.8 });
  for (const [rel, source] of Object.entries(pyFiles)) {
    const path = `/lib/interleave-runtime/${rel}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, source);
  }
  pyodide.FS.mkdirTree("/home/pyodide");
  pyodide.runPython(`import sys; sys.path.insert(0, "/lib/interleave-runtime")`);
  pyodide.setStdout(writer("stdout"));
  pyodide.setStderr(writer("stderr"));
  pyodide.setStdin({ stdin: readLine, isatty: false });
  if (interrupt) pyodide.setInterruptBuffer(interrupt);
  // JSPI (WebAssembly stack switching) lets a program block on JavaScript promises: asyncio.run, green threads.
  jspi = typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === "function";
  runProgram = pyodide.pyimport("interleave.runner").run_program as PyProxyFn;
  // Warm the modules most lessons import, so a learner's first run does not pay for them.
  pyodide.runPython("import threading, queue, asyncio, concurrent.futures, traceback, json, time, random");
  caps = lockDownScope(scope);
  const version = String(pyodide.runPython("import sys; sys.version.split()[0]"));
  send({ type: "ready", jspi, python: version, loadMs: Math.round(performance.now() - started) });
}

async function run(msg: Extract<ToWorker, { type: "run" }>) {
  currentRun = msg.id;
  presetStdin = [...msg.stdin];
  pending.stdout = pending.stderr = "";
  if (interrupt) Atomics.store(interrupt, 0, 0);
  const started = performance.now();
  try {
    const files = JSON.stringify(msg.files);
    const raw = jspi ? await runProgram!.callPromising(msg.code, msg.filename, files) : runProgram!(msg.code, msg.filename, files);
    flush();
    const parsed = JSON.parse(String(raw)) as { status: "ok"; exitCode: number };
    send({ type: "done", id: msg.id, result: { ...parsed, durationMs: Math.round(performance.now() - started) } });
  } catch (err) {
    flush();
    // An error escaping the runner means the interpreter itself failed (e.g. out of memory): the page restarts us.
    send({ type: "fatal", message: `The Python interpreter failed: ${(err as Error).message?.slice(0, 2000) ?? String(err)}` });
  } finally {
    if (interrupt) Atomics.store(interrupt, 0, 0);
    currentRun = -1;
  }
}

let queue: Promise<void> = Promise.resolve();
scope.addEventListener("message", (event: MessageEvent) => {
  const parsed = ToWorkerSchema.safeParse(event.data);
  if (!parsed.success) return; // not ours, or malformed: ignore
  const msg = parsed.data;
  if (msg.type === "init") {
    queue = queue.then(() => boot(msg)).catch((err: Error) => send({ type: "fatal", message: `Python could not start: ${err.message}` }));
  } else {
    queue = queue.then(() => run(msg));
  }
});

// Keep the schema referenced so both directions stay in one place (the page parses with it).
void FromWorkerSchema;
