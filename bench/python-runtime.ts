/**
 * Issue 3's rows for the Python runtime alone: the site's client and worker on the harness page (a blank page from
 * lib/python/harness, served like the site), timed inside the page. The same flows through the lesson UI are in
 * ./site-runtime.ts.
 */
import { spawnSync } from "node:child_process";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RunRequest } from "../lib/python/client/types";
import type { Measured } from "../lib/python/harness/page";
import { ensureRuntimeBuilt, launchChromium, PythonHarness, serveRuntime, type StaticServer } from "../lib/python/harness/node";
import { atMost, median, spread, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "runtime";
const PRINT = "print(1 + 1)\n";

async function openHarness(context: BrowserContext, server: StaticServer, query = ""): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.origin}/harness.html${query}`);
  await page.waitForFunction(() => "interleaveHarness" in window);
  return page;
}

function measure(page: Page, request: RunRequest, options: { stopAfterOutputMs?: number } = {}): Promise<Measured> {
  return page.evaluate(([req, opts]) => window.interleaveHarness.measure(req, opts), [request, options] as const);
}

/** Navigation → first output of print(1 + 1): a page that runs it as soon as it can (the interpreter loads meanwhile). */
async function firstOutput(context: BrowserContext, server: StaticServer, query = ""): Promise<{ ms: number; m: Measured }> {
  const page = await openHarness(context, server, query);
  const m = await measure(page, { code: PRINT });
  await page.close();
  if (m.firstOutputAt === null) throw new Error(`print(1 + 1) printed nothing: ${JSON.stringify(m.result)}`);
  // performance.now() counts from the navigation's start.
  return { ms: m.firstOutputAt, m };
}

async function startRows(browser: Browser, server: StaticServer, trials: number): Promise<Row[]> {
  const cold: number[] = [];
  const coldNoSnapshot: number[] = [];
  const warm: number[] = [];
  const n = Math.max(3, Math.ceil(trials / 2));
  for (let i = 0; i < n; i++) {
    // A fresh context has an empty HTTP cache.
    const context = await browser.newContext();
    cold.push((await firstOutput(context, server)).ms);
    warm.push((await firstOutput(context, server)).ms);
    await context.close();
    const plain = await browser.newContext();
    coldNoSnapshot.push((await firstOutput(plain, server, "?snapshot=0")).ms);
    await plain.close();
  }
  return [
    { group: GROUP, name: "worker cold start → first output (snapshot, empty HTTP cache)", value: median(cold), unit: "ms", ...atMost(median(cold), 3000), note: spread(cold) },
    { group: GROUP, name: "worker cold start → first output (no snapshot, empty HTTP cache)", value: median(coldNoSnapshot), unit: "ms", note: spread(coldNoSnapshot) },
    { group: GROUP, name: "worker start → first output (snapshot, warm HTTP cache)", value: median(warm), unit: "ms", ...atMost(median(warm), 1500), note: spread(warm) },
  ];
}

async function warmRows(browser: Browser, server: StaticServer, trials: number): Promise<Row[]> {
  const context = await browser.newContext();
  const page = await openHarness(context, server);
  await page.evaluate(() => window.interleaveHarness.ready());
  const rows: Row[] = [];

  const reruns: number[] = [];
  for (let i = 0; i < Math.max(10, trials * 2); i++) {
    const m = await measure(page, { code: PRINT });
    reruns.push(m.doneAt - m.startedAt);
  }
  rows.push({ group: GROUP, name: "rerun print(1+1) in a fresh namespace (run → done, in the page)", value: median(reruns), unit: "ms", ...atMost(median(reruns), 50), note: spread(reruns) });

  const stops: number[] = [];
  let lost = 0;
  let killed = 0;
  const stopTrials = Math.max(10, trials * 2);
  for (let i = 0; i < stopTrials; i++) {
    const m = await measure(page, { code: 'print("go", flush=True)\nwhile True:\n    pass\n' }, { stopAfterOutputMs: 150 });
    if (m.stoppedAt === null) throw new Error("Stop was never pressed");
    stops.push(m.doneAt - m.stoppedAt);
    lost += Math.max(0, m.stopSignals - 1);
    if (m.result.status === "killed") {
      killed += 1;
      await page.evaluate(() => window.interleaveHarness.ready());
    }
  }
  rows.push({ group: GROUP, name: "Stop → KeyboardInterrupt → done", value: median(stops), unit: "ms", ...atMost(median(stops), 100), note: spread(stops) });
  rows.push({ group: GROUP, name: `interrupts lost (repeated after 100 ms) in ${stopTrials} Stops`, value: lost, unit: "count", ...atMost(lost, 0), note: `${killed} needed the 1 s kill` });

  const kill = await measure(page, { code: 'print("stubborn", flush=True)\nwhile True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass\n' }, { stopAfterOutputMs: 50 });
  const t0 = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.interleaveHarness.ready());
  const restart = (await page.evaluate(() => performance.now())) - t0;
  rows.push({ group: GROUP, name: "program ignoring Stop → killed → fresh worker ready", value: kill.doneAt - (kill.stoppedAt ?? kill.doneAt) + restart, unit: "ms", note: `kill at ${Math.round(kill.doneAt - (kill.stoppedAt ?? 0))} ms, restart ${Math.round(restart)} ms` });

  const flood = await measure(page, { code: "for i in range(1_000_000):\n    print(i)\n" });
  rows.push({ group: GROUP, name: "10⁶ printed lines → done", value: flood.doneAt - flood.startedAt, unit: "ms", note: `${flood.outputMessages} output messages for ${(flood.stdoutChars / 1e6).toFixed(1)} MB` });
  rows.push({ group: GROUP, name: "longest main-thread task during the flood (page side)", value: flood.longestTaskMs, unit: "ms", ...atMost(flood.longestTaskMs, 100), note: "PerformanceObserver longtask; 0 = none over 50 ms" });

  // Raw interpreter speed against this machine's CPython, in the same moment (the machine may be busy).
  const loopCode = "import time\nt = time.perf_counter()\nc = 0\nfor i in range(4_000_000):\n    c += 1\nprint(round((time.perf_counter() - t) * 1000))\n";
  const ours: number[] = [];
  const native: number[] = [];
  for (let i = 0; i < 3; i++) {
    const m = await page.evaluate(async (code) => {
      let out = "";
      window.__harnessEvent = (e) => {
        if (e.kind === "stdout") out += e.text;
      };
      await window.interleaveHarness.run({ code });
      window.__harnessEvent = undefined;
      return out;
    }, loopCode);
    ours.push(Number(m.trim()));
    native.push(Number(spawnSync("python3", ["-c", loopCode], { encoding: "utf8" }).stdout.trim()));
  }
  rows.push({ group: GROUP, name: "4,000,000 × `c += 1` in the browser", value: median(ours), unit: "ms", note: `native python3: ${median(native)} ms (×${(median(ours) / median(native)).toFixed(2)})` });
  await context.close();
  return rows;
}

/** What the conformance suites and content checks pay per program (Node → page → worker → Node). */
async function batchRows(trials: number): Promise<Row[]> {
  const t0 = performance.now();
  const harness = await PythonHarness.start();
  const start = performance.now() - t0;
  const costs: number[] = [];
  for (let i = 0; i < Math.max(10, trials * 2); i++) {
    const t = performance.now();
    await harness.run({ code: PRINT });
    costs.push(performance.now() - t);
  }
  await harness.close();
  return [
    { group: GROUP, name: "batch harness: start (Chromium + page + interpreter)", value: start, unit: "ms", note: `interpreter ${harness.ready.loadMs} ms of it` },
    { group: GROUP, name: "batch harness: per program (print(1+1), Node → done → Node)", value: median(costs), unit: "ms", note: spread(costs) },
  ];
}

export const pythonRuntime: BenchModule = {
  name: GROUP,
  needsSite: false,
  async run(ctx: BenchContext) {
    await ensureRuntimeBuilt();
    const server = await serveRuntime();
    const browser = await launchChromium();
    try {
      ctx.log("runtime: start-up (cold, no snapshot, warm cache)…");
      const rows = await startRows(browser, server, ctx.trials);
      ctx.log("runtime: reruns, Stop, flood…");
      rows.push(...(await warmRows(browser, server, ctx.trials)));
      ctx.log("runtime: batch harness…");
      rows.push(...(await batchRows(ctx.trials)));
      return rows;
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
