// node --experimental-wasm-stack-switching --import tsx scripts/threads-node-dev.ts [--seed N] [--trace] FILE.py...
//
// The thread runtime's fast development loop: Pyodide from node_modules under Node 20, set up the way the Python
// worker sets it up (runtime files at /lib/interleave-runtime, interrupt and control buffers, a SIGUSR1 ticker in a
// worker thread, lib/python/worker/threads.ts as an extension, the real runner), then each FILE run as
// `python3 FILE` would. Prints each program's output, then how it ended; --trace prints the GIL timeline summary.
// Also importable: startNodeRuntime() is what the Node conformance check (scripts/threads-conformance.ts) uses.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { loadPyodide, type PyodideAPI } from "pyodide";
import { setup } from "../lib/python/worker/threads";
import type { WorkerContext } from "../lib/python/worker/extension";

const ROOT = path.resolve(import.meta.dirname, "..");
const PY_DIR = path.join(ROOT, "lib", "python", "py");
const RUNTIME_DIR = "/lib/interleave-runtime";
const CONTROL = { ACTIVE: 0, INTERVAL_US: 1, TICKS: 2, SLOTS: 4 };

type PyCallable = ((...args: unknown[]) => unknown) & { callPromising(...args: unknown[]): Promise<unknown> };

export interface NodeRun {
  stdout: string;
  stderr: string;
  status: string;
  exitCode: number;
  durationMs: number;
  traces: { name: string; data: unknown }[];
  ticks: number;
}

export interface NodeRuntime {
  run(code: string, options?: { filename?: string; seed?: number | null; schedule?: string | null; timeoutMs?: number; files?: Record<string, string> }): Promise<NodeRun>;
  close(): Promise<void>;
}

function pyFiles(dir: string, base = dir, out: Record<string, string> = {}) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "__pycache__") pyFiles(full, base, out);
    } else if (entry.name.endsWith(".py")) out[path.relative(base, full)] = fs.readFileSync(full, "utf8");
  }
  return out;
}

// The same loop as lib/python/worker/ticker.ts, in a Node worker thread.
const TICKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const interrupt = new Int32Array(workerData.interrupt);
const control = new Int32Array(workerData.control);
for (;;) {
  Atomics.wait(control, ${CONTROL.ACTIVE}, 0);
  while (Atomics.load(control, ${CONTROL.ACTIVE}) !== 0) {
    const ms = Math.max(0.05, Atomics.load(control, ${CONTROL.INTERVAL_US}) / 1000);
    if (Atomics.wait(control, ${CONTROL.ACTIVE}, 1, ms) !== "timed-out") continue;
    if (Atomics.compareExchange(interrupt, 0, 0, 10) === 0) Atomics.add(control, ${CONTROL.TICKS}, 1);
  }
}`;

export async function startNodeRuntime(): Promise<NodeRuntime> {
  const py: PyodideAPI = await loadPyodide({ env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" } });
  for (const [rel, source] of Object.entries(pyFiles(PY_DIR))) {
    const file = `${RUNTIME_DIR}/${rel}`;
    py.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
    py.FS.writeFile(file, source);
  }
  py.FS.mkdirTree("/home/pyodide");
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL.SLOTS));
  py.setInterruptBuffer(interrupt);
  const ticker = new Worker(TICKER_SOURCE, { eval: true, workerData: { interrupt: interrupt.buffer, control: control.buffer } });
  ticker.unref();

  let out = "";
  let err = "";
  let traces: { name: string; data: unknown }[] = [];
  const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  py.setStdout({ write: (b: Uint8Array) => ((out += decoder.stdout.decode(b, { stream: true })), b.length), isatty: true });
  py.setStderr({ write: (b: Uint8Array) => ((err += decoder.stderr.decode(b, { stream: true })), b.length), isatty: true });
  py.setStdin({ stdin: () => null });

  const host: Record<string, unknown> = {
    isolated: true,
    jspi: true,
    set_preemption(active: boolean, seconds: number) {
      const us = Math.round(Math.min(Math.max(Number(seconds) || 0.005, 0.00005), 10) * 1e6);
      Atomics.store(control, CONTROL.INTERVAL_US, us);
      Atomics.store(control, CONTROL.ACTIVE, active ? 1 : 0);
      Atomics.notify(control, CONTROL.ACTIVE);
      return true;
    },
    ticks: () => Atomics.load(control, CONTROL.TICKS),
    trace(name: string, json: string) {
      traces.push({ name, data: JSON.parse(json) as unknown });
    },
    notice: (text: string) => void (err += `[notice] ${text}\n`),
    flush: () => undefined,
  };
  py.registerJsModule("interleave_host", host);
  py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(RUNTIME_DIR)})`);
  const ctx: WorkerContext = {
    pyodide: py,
    host,
    interrupt,
    control,
    jspi: true,
    trace: (name, data) => traces.push({ name, data }),
    stepWaiting: () => false, // no step mode under plain Node
  };
  setup(ctx);
  const runner = py.pyimport("interleave.runner") as unknown as { boot(o: string): void; run_program: PyCallable };
  runner.boot(JSON.stringify({ jspi: true, isolated: true, snapshot: false }));
  const runProgram = runner.run_program;
  let queue: Promise<unknown> = Promise.resolve();

  return {
    run(code, options = {}) {
      const job = queue.then(async () => {
        out = err = "";
        traces = [];
        Atomics.store(interrupt, 0, 0);
        const ticks0 = Atomics.load(control, CONTROL.TICKS);
        const started = performance.now();
        let timer: ReturnType<typeof setTimeout> | undefined;
        if (options.timeoutMs) timer = setTimeout(() => Atomics.store(interrupt, 0, 2), options.timeoutMs);
        try {
          const raw = await runProgram.callPromising(code, options.filename ?? "main.py", JSON.stringify({ files: options.files ?? {}, seed: options.seed ?? null, schedule: options.schedule ?? null }));
          const result = JSON.parse(String(raw)) as { status: string; exitCode: number };
          return {
            stdout: out,
            stderr: err,
            status: result.status,
            exitCode: result.exitCode,
            durationMs: performance.now() - started,
            traces,
            ticks: Atomics.load(control, CONTROL.TICKS) - ticks0,
          };
        } finally {
          clearTimeout(timer);
          Atomics.store(control, CONTROL.ACTIVE, 0);
          Atomics.notify(control, CONTROL.ACTIVE);
        }
      });
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      await ticker.terminate();
    },
  };
}

function summary(trace: unknown): string {
  const t = trace as {
    mode: string;
    switches: number;
    preemptions: number;
    ticks: number;
    skippedTicks: number;
    durationMs: number;
    threads: { name: string; totals: Record<string, number>; turns: number; preemptions: number; segments: unknown[] }[];
  };
  const lines = [`  ${t.mode}: ${t.durationMs.toFixed(1)} ms, ${t.switches} switches, ${t.preemptions} preemptions, ${t.ticks} ticks (${t.skippedTicks} skipped)`];
  for (const th of t.threads) {
    const tot = Object.entries(th.totals)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(", ");
    lines.push(`  ${th.name}: ${tot}; ${th.turns} turns, ${th.preemptions} preempted, ${th.segments.length} segments`);
  }
  return lines.join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  let seed: number | null = null;
  let schedule: string | null = null;
  let showTrace = false;
  let showSegments = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--seed") seed = Number(args[++i]);
    else if (a === "--schedule") schedule = args[++i] ?? "";
    else if (a === "--trace") showTrace = true;
    else if (a === "--segments") showSegments = true;
    else files.push(a);
  }
  const t0 = performance.now();
  const rt = await startNodeRuntime();
  process.stderr.write(`[pyodide ready in ${(performance.now() - t0).toFixed(0)} ms]\n`);
  for (const file of files) {
    const r = await rt.run(fs.readFileSync(file, "utf8"), { filename: path.basename(file), seed, schedule, timeoutMs: 60_000 });
    process.stdout.write(`===== ${file}\n${r.stdout}`);
    if (r.stderr) process.stdout.write(`----- stderr\n${r.stderr}`);
    process.stdout.write(`----- ${r.status} (exit ${r.exitCode}) in ${r.durationMs.toFixed(0)} ms, ${r.ticks} ticks\n`);
    if (showTrace) for (const t of r.traces) if (t.name === "threads") process.stdout.write(`${summary(t.data)}\n`);
    if (showSegments) for (const t of r.traces) process.stdout.write(`${JSON.stringify(t.data, null, 1)}\n`);
  }
  await rt.close();
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
