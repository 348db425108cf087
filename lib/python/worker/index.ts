/**
 * The Python worker: one Pyodide interpreter in a module Web Worker. It speaks only the protocol in
 * lib/python/protocol.ts, runs one program at a time (lib/python/py/interleave/runner.py), streams output in
 * batches, blocks input() on a SharedArrayBuffer the page fills, and is interrupted through Pyodide's interrupt
 * buffer. It starts from the prebuilt memory snapshot when there is one, and closes its own global scope
 * (./sandbox.ts) before any learner code runs.
 */
import type { PyodideAPI } from "pyodide";
import extensions from "virtual:worker-extensions";
import { CONTROL, PROTOCOL_VERSION, RunResultSchema, SIGINT, STDIN, STEP_CHOICE, ToWorkerSchema, type FromWorker, type StepUnit, type ToWorker } from "../protocol";
import type { WorkerContext } from "./extension";
import { installRuntimeFiles, prepareSnapshot, startInterpreter, type PyFiles } from "./interpreter";
import { lockDownScope, pyodideJsStub, type PrivateCapabilities } from "./sandbox";

type PyCallable = ((...args: unknown[]) => unknown) & { callPromising(...args: unknown[]): Promise<unknown>; destroy(): void };

const scope = globalThis;
// Kept before the sandbox deletes it: the only way out of this worker.
let caps: PrivateCapabilities = { postMessage: (m, t) => (scope as unknown as Worker).postMessage(m, t ?? []) };
let pyodide: PyodideAPI | undefined;
let runProgram: PyCallable | undefined;
let interrupt: Int32Array | null = null;
let control: Int32Array | null = null;
let stdinCtrl: Int32Array | null = null;
let stdinData: Uint8Array | null = null;
let jspi = false;

// ---- Where start-up's time goes: named moments, sent with "ready" (the page puts them on its timeline) ----
const epochNow = () => performance.timeOrigin + performance.now();
const startupMarks: { name: string; at: number }[] = [{ name: "worker script running", at: epochNow() }];
function mark(name: string) {
  startupMarks.push({ name, at: epochNow() });
}
/** When the start-up's big files arrived (Resource Timing; read before the sandbox is closed). */
function markDownloads() {
  const wanted: [RegExp, string][] = [
    [/\/pyodide\.asm\.mjs$/, "pyodide.asm.mjs"],
    [/\/pyodide\.asm\.wasm$/, "pyodide.asm.wasm"],
    [/\/python_stdlib\.zip$/, "python_stdlib.zip"],
    [/\/snapshot-[0-9a-f]+\.bin$/, "snapshot"],
    [/\/pyfiles-[0-9a-f]+\.bin$/, "runtime files"],
  ];
  for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
    const path = new URL(entry.name).pathname;
    const found = wanted.find(([re]) => re.test(path));
    if (!found) continue;
    startupMarks.push({ name: `${found[1]} requested`, at: performance.timeOrigin + entry.startTime });
    startupMarks.push({ name: `${found[1]} received`, at: performance.timeOrigin + entry.responseEnd });
  }
}

// ---- The runtime's Python (and its bytecode): fetched at once, written into the file system after start-up ----
async function fetchPyFiles(): Promise<PyFiles> {
  const response = await fetch(new URL(__PYFILES_URL__, scope.location.href));
  if (!response.ok) throw new Error(`the runtime's Python files: HTTP ${response.status}`);
  const packed = new Uint8Array(await response.arrayBuffer());
  mark("runtime files read");
  const headerLength = new DataView(packed.buffer).getUint32(0, true);
  const entries = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + headerLength))) as [string, number][];
  const files: PyFiles = new Map();
  let offset = 4 + headerLength;
  for (const [rel, size] of entries) {
    files.set(rel, packed.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== packed.length) throw new Error("the runtime's Python files are damaged");
  return files;
}
// Started before anything else: the download runs beside the interpreter's.
const pyFiles = fetchPyFiles();
pyFiles.catch(() => undefined); // reported where boot awaits it

type Out = FromWorker extends infer M ? (M extends { v: number } ? Omit<M, "v"> : never) : never;
function send(message: Out, transfer?: Transferable[]) {
  caps.postMessage({ v: PROTOCOL_VERSION, ...message }, transfer);
}

// ---- Output: coalesced so a flood of prints costs the page a few messages per frame, not one per line ----
const FLUSH_MS = 30;
const FLUSH_CHARS = 256 * 1024;
let currentRun = -1;
const pending = { stdout: "", stderr: "" };
/** The unfinished last line of stdout: what input() printed as its prompt. */
let stdoutTail = "";
let lastFlush = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  lastFlush = performance.now();
  for (const stream of ["stdout", "stderr"] as const) {
    const text = pending[stream];
    if (!text) continue;
    pending[stream] = "";
    // Output after the run ended (a stray callback) belongs to nobody.
    if (currentRun >= 0) send({ type: "output", id: currentRun, stream, text });
  }
}

function writer(stream: "stdout" | "stderr") {
  const decoder = new TextDecoder();
  return {
    isatty: true, // line-buffered, as in a terminal: a print shows before a slow step that follows it
    write(bytes: Uint8Array) {
      const text = decoder.decode(bytes, { stream: true });
      // Keep the two streams in order: switching stream flushes the other one first.
      if (pending[stream === "stdout" ? "stderr" : "stdout"]) flush();
      pending[stream] += text;
      if (stream === "stdout") {
        const nl = text.lastIndexOf("\n");
        stdoutTail = nl < 0 ? (stdoutTail + text).slice(-10_000) : text.slice(nl + 1);
      }
      if (pending[stream].length > FLUSH_CHARS || performance.now() - lastFlush > FLUSH_MS) flush();
      else flushTimer ??= setTimeout(flush, FLUSH_MS);
      return bytes.length;
    },
  };
}

function notice(text: string) {
  if (currentRun >= 0) send({ type: "notice", id: currentRun, text });
}

function ackInterrupt() {
  if (control) Atomics.add(control, CONTROL.INTERRUPTS, 1);
}

// ---- input(): block on the shared buffer until the page answers ----
let presetStdin: string[] = [];
let warnedNoInput = false;
const textDecoder = new TextDecoder();

function takeLine(): string | null {
  stdoutTail = ""; // the prompt's line ends with the learner's Enter
  const state = Atomics.load(stdinCtrl!, 0);
  if (state === STDIN.INTERRUPT) return null;
  if (state === STDIN.EOF) return null;
  const length = Math.min(Atomics.load(stdinCtrl!, 1), STDIN.CAPACITY);
  // Copy out of shared memory first: TextDecoder refuses views on a SharedArrayBuffer.
  return `${textDecoder.decode(stdinData!.slice(0, length))}\n`;
}

function readLine(): string | null {
  if (presetStdin.length) return `${presetStdin.shift()}\n`;
  if (!stdinCtrl || !stdinData) {
    if (!warnedNoInput) {
      warnedNoInput = true;
      notice("input() cannot wait for typing in this browser (it gives the page no SharedArrayBuffer), so it reads end of file. Chrome, Edge, Firefox and Safari can wait for it.");
    }
    return null;
  }
  flush();
  Atomics.store(stdinCtrl, 0, STDIN.WAITING);
  send({ type: "input-request", id: currentRun, prompt: stdoutTail });
  while (Atomics.load(stdinCtrl, 0) === STDIN.WAITING) Atomics.wait(stdinCtrl, 0, STDIN.WAITING, 1000);
  if (Atomics.load(stdinCtrl, 0) === STDIN.INTERRUPT) {
    ackInterrupt();
    pyodide!.checkInterrupt(); // raises KeyboardInterrupt at the prompt, as Ctrl+C in a terminal does
    return null;
  }
  return takeLine();
}

/**
 * input() without blocking the worker: for green threads and asyncio, which must keep running while one of them
 * waits for a line. Resolves to the line (with "\n") or null at end of input.
 */
async function readLineAsync(): Promise<string | null> {
  if (presetStdin.length) return `${presetStdin.shift()}\n`;
  if (!stdinCtrl || !stdinData) return readLine();
  flush();
  Atomics.store(stdinCtrl, 0, STDIN.WAITING);
  send({ type: "input-request", id: currentRun, prompt: stdoutTail });
  while (Atomics.load(stdinCtrl, 0) === STDIN.WAITING) {
    const waited = Atomics.waitAsync(stdinCtrl, 0, STDIN.WAITING, 1000);
    if (waited.async) await waited.value;
  }
  return takeLine();
}

// ---- Step mode: the run waits at a pause until the page picks the next thread (or Stop is pressed) ----
const STEP_STOP_POLL_MS = 30;
/** What a pause hears when Stop was pressed (interleave/threads/_step.py STOP). */
const STEP_STOPPED = -4;
/** The page's answer at a pause, as Python reads it (_step._read_answer): a choice and the unit to step by. */
interface StepAnswer {
  choice: number;
  unit: StepUnit | null;
}
let stepWaiter: { id: number; resolve: (answer: StepAnswer) => void; poll: ReturnType<typeof setInterval> | undefined } | null = null;

function waitStep(): Promise<StepAnswer> {
  flush(); // what the program printed up to the pause shows before the pause does
  return new Promise<StepAnswer>((resolve) => {
    const id = currentRun;
    const done = (answer: StepAnswer) => {
      if (stepWaiter?.poll) clearInterval(stepWaiter.poll);
      stepWaiter = null;
      resolve(answer);
    };
    // Stop while paused: the interrupt is taken out of the buffer here (left there, it would land in the JavaScript
    // callback that resumes Python, outside any thread) and Python delivers it from the paused thread instead.
    const poll = interrupt
      ? setInterval(() => {
          if (Atomics.load(interrupt!, 0) !== SIGINT) return;
          Atomics.store(interrupt!, 0, 0);
          ackInterrupt();
          done({ choice: STEP_STOPPED, unit: null });
        }, STEP_STOP_POLL_MS)
      : undefined;
    stepWaiter = { id, resolve: done, poll };
  });
}

function answerStep(id: number, choice: number, unit: StepUnit | undefined) {
  if (stepWaiter && stepWaiter.id === id) stepWaiter.resolve({ choice, unit: unit ?? null });
}

// ---- The interpreter ----
function makeHost(): Record<string, unknown> {
  return {
    isolated: interrupt !== null,
    jspi,
    /** Turn time-slice preemption (SIGUSR1 every interval) on or off; see lib/python/README.md. */
    set_preemption(active: boolean, intervalSeconds: number) {
      if (!control) return false;
      const us = Math.round(Math.min(Math.max(Number(intervalSeconds) || 0.005, 0.00005), 10) * 1e6);
      Atomics.store(control, CONTROL.INTERVAL_US, us);
      Atomics.store(control, CONTROL.ACTIVE, active ? 1 : 0);
      Atomics.notify(control, CONTROL.ACTIVE);
      return true;
    },
    ticks: () => (control ? Atomics.load(control, CONTROL.TICKS) : 0),
    /** Call when Stop's SIGINT became a KeyboardInterrupt: the page stops repeating it. */
    ack_interrupt: ackInterrupt,
    /** The signals other processes sent this one since the last call (a mask, bit n for signal n); clears them. */
    take_signals: () => (control ? Atomics.exchange(control, CONTROL.SIGNALS, 0) : 0),
    /** Signals taken but not delivered (a handler raised first): the page's next ring brings them again. */
    put_back_signals(mask: number) {
      if (control) Atomics.or(control, CONTROL.SIGNALS, Number(mask) | 0);
    },
    /** What the program does with each signal now (masks: a Python handler, SIG_IGN), for the page's os.kill. */
    set_dispositions(handled: number, ignored: number) {
      if (!control) return;
      Atomics.store(control, CONTROL.HANDLED, Number(handled) | 0);
      Atomics.store(control, CONTROL.IGNORED, Number(ignored) | 0);
    },
    /** A visualisation event for the page; `json` is a JSON string (parsed here so only plain data crosses). */
    trace(name: string, json: string) {
      if (currentRun < 0) return;
      flush(); // keep traces in order with the output around them
      send({ type: "trace", id: currentRun, name: String(name).slice(0, 50), data: JSON.parse(String(json)) });
    },
    notice: (text: string) => notice(String(text).slice(0, 2000)),
    read_line_async: readLineAsync,
    /** Step mode: resolves to the page's pick at a pause (see StepMessageSchema). */
    wait_step: waitStep,
    flush,
  };
}

async function boot(init: Extract<ToWorker, { type: "init" }>) {
  const started = performance.now();
  mark("init received");
  if (init.interruptBuffer) interrupt = new Int32Array(init.interruptBuffer);
  if (init.controlBuffer) control = new Int32Array(init.controlBuffer);
  if (init.stdinBuffer) {
    stdinCtrl = new Int32Array(init.stdinBuffer, 0, 2);
    stdinData = new Uint8Array(init.stdinBuffer, STDIN.HEADER_BYTES);
  }
  // JSPI (WebAssembly stack switching) lets a program block on JavaScript promises: asyncio.run, green threads.
  jspi = init.stackSwitching !== false && typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === "function";
  send({ type: "phase", step: "Loading the Python interpreter", progress: 0.1 });
  const { py, fromSnapshot, keepSnapshot } = await startInterpreter(scope, { makeSnapshot: !!init.makeSnapshot, useSnapshot: init.useSnapshot ?? true, stackSwitching: jspi }, mark);
  pyodide = py;
  mark("interpreter started");

  if (init.makeSnapshot) {
    prepareSnapshot(py, await pyFiles);
    // A copy of our own (the result may be a view on the interpreter's memory), handed over without another copy.
    const bytes = new Uint8Array(py.makeMemorySnapshot());
    send({ type: "snapshot", bytes }, [bytes.buffer]);
    return;
  }

  send({ type: "phase", step: "Preparing the runtime", progress: 0.8 });
  installRuntimeFiles(py, await pyFiles);
  py.FS.mkdirTree("/home/pyodide");
  py.setStdout(writer("stdout"));
  py.setStderr(writer("stderr"));
  py.setStdin({ stdin: readLine, isatty: false });
  if (interrupt) py.setInterruptBuffer(interrupt);

  // Python sees a stub instead of Pyodide's whole JavaScript API (loadPackage, runPython, the Emscripten module).
  const api = (py as unknown as { _api?: { scheduleCallback?: unknown } });
  py.unregisterJsModule("pyodide_js");
  py.registerJsModule("pyodide_js", pyodideJsStub(api, py.version));
  const host = makeHost();
  py.registerJsModule("interleave_host", host);
  py.runPython(
    `import sys\nfor _m in [m for m in sys.modules if m == "pyodide_js" or m.startswith("pyodide_js.")]:\n    del sys.modules[_m]\n` + "del _m",
  );

  mark("runtime files written");
  const ctx: WorkerContext = {
    pyodide: py,
    host,
    interrupt,
    control,
    jspi,
    trace: (name, data) => {
      if (currentRun >= 0) send({ type: "trace", id: currentRun, name, data });
    },
    stepWaiting: () => stepWaiter !== null,
  };
  for (const ext of extensions) await ext.module.setup(ctx);
  mark("extensions set up");

  const runner = py.pyimport("interleave.runner") as unknown as { boot: (o: string) => void; run_program: PyCallable };
  runner.boot(JSON.stringify({ jspi, isolated: interrupt !== null, snapshot: fromSnapshot }));
  runProgram = runner.run_program;
  mark("runner imported");
  markDownloads();
  caps = lockDownScope(scope);
  // One throw-away run takes the runner's (and extensions') cold first pass here rather than in the learner's first
  // run, so that run is as quick, and as quick to Stop, as every later one. Its output goes nowhere (no run id).
  send({ type: "phase", step: "Warming up", progress: 0.9 });
  const warm = JSON.stringify({ files: {}, seed: null });
  if (jspi) await runProgram.callPromising("pass\n", "warmup.py", warm);
  else runProgram("pass\n", "warmup.py", warm);
  mark("warm-up run done");
  const version = String(py.runPython("import sys; sys.version.split()[0]"));
  send({ type: "ready", jspi, python: version, loadMs: Math.round(performance.now() - started), snapshot: fromSnapshot, marks: startupMarks });
  // The unpacked snapshot, kept for the next start, a while after this one (not in the way of a first run).
  if (keepSnapshot) setTimeout(() => void keepSnapshot().catch(() => undefined), KEEP_SNAPSHOT_AFTER_MS);
}

/** How long after "ready" the unpacked snapshot is written to Cache Storage (31 MB: a learner's first Run goes first). */
const KEEP_SNAPSHOT_AFTER_MS = 3000;

const RunnerResultSchema = RunResultSchema.omit({ durationMs: true });

async function run(msg: Extract<ToWorker, { type: "run" }>) {
  currentRun = msg.id;
  presetStdin = [...msg.stdin];
  pending.stdout = pending.stderr = stdoutTail = "";
  // The first write of a run goes out at once: a flush timer cannot fire while the program computes, so a print
  // followed by a busy loop would otherwise stay unseen (and a Stop waiting for that output would never come).
  lastFlush = 0;
  warnedNoInput = false;
  if (interrupt) Atomics.store(interrupt, 0, 0);
  const started = performance.now();
  try {
    const options = JSON.stringify({
      files: msg.files,
      seed: msg.seed,
      schedule: msg.schedule ?? null,
      step: msg.step ?? null,
      model: msg.model ?? "gil",
    });
    const raw = jspi ? await runProgram!.callPromising(msg.code, msg.filename, options) : runProgram!(msg.code, msg.filename, options);
    flush();
    const parsed = RunnerResultSchema.parse(JSON.parse(String(raw)));
    send({ type: "done", id: msg.id, result: { ...parsed, durationMs: Math.round(performance.now() - started) } });
  } catch (err) {
    flush();
    // An error escaping the runner means the interpreter itself failed (e.g. out of memory): the page restarts us.
    const message = err instanceof Error ? err.message : String(err);
    send({ type: "fatal", message: `The Python interpreter failed: ${message.slice(0, 2000)}` });
  } finally {
    if (control) {
      Atomics.store(control, CONTROL.ACTIVE, 0);
      Atomics.notify(control, CONTROL.ACTIVE);
    }
    if (interrupt) Atomics.store(interrupt, 0, 0);
    if (stdinCtrl) Atomics.store(stdinCtrl, 0, STDIN.IDLE);
    stepWaiter?.resolve({ choice: STEP_CHOICE.RUN_ON, unit: null });
    currentRun = -1;
  }
}

let queue: Promise<void> = Promise.resolve();
let booted = false;
scope.addEventListener("message", (event: MessageEvent) => {
  const parsed = ToWorkerSchema.safeParse(event.data);
  if (!parsed.success) return; // not ours, or malformed: ignore
  const msg = parsed.data;
  if (msg.type === "init") {
    if (booted) return;
    booted = true;
    queue = queue.then(() => boot(msg)).catch((err: unknown) => send({ type: "fatal", message: `Python could not start: ${err instanceof Error ? err.message : String(err)}` }));
  } else if (msg.type === "step") {
    answerStep(msg.id, msg.choice, msg.unit); // at once: the run it answers is waiting in the queue's current task
  } else {
    queue = queue.then(() => run(msg));
  }
});
