/**
 * Issue 3's rows through the site: the Python runtime as a learner meets it (lesson page, CodeRunner, console), in
 * headless Chromium against the production server. The runtime alone is measured in ./python-runtime.ts.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../lib/python/harness/chromium";
import { root } from "../scripts/lib.mjs";
import { atMost, median, spread, type BenchModule, type Row } from "./lib";

const GROUP = "runtime-site";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";

async function paste(page: Page, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".runner .monaco-editor").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
}

async function runAndWait(page: Page, pattern: RegExp, timeout = 120_000) {
  const runner = page.locator(".runner").first();
  await runner.getByRole("button", { name: "Run" }).click();
  await runner.locator(".runner-status").filter({ hasText: pattern }).waitFor({ timeout });
}

/** The moments of a start-up on the page's timeline (ms from navigation start): navigation timing and "python: …" marks. */
type Timeline = Record<string, number>;

async function timeline(page: Page): Promise<Timeline> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      out["HTML received"] = nav.responseEnd;
      out["page parsed"] = nav.domInteractive;
    }
    for (const m of performance.getEntriesByType("mark")) if (m.name.startsWith("python: ")) out[m.name.slice(8)] ??= m.startTime;
    return out;
  });
}

/**
 * The phases of a start-up, in the order they happen: each row is the time from the previous moment to this one.
 * "runtime started" (the first runner mounted, i.e. hydration) runs alongside the worker's phases, so it is reported
 * from navigation start, not as a step.
 */
const PHASES: [string, string][] = [
  ["HTML received", "navigation → HTML received"],
  ["worker created", "HTML received → worker created (early start in <head>)"],
  ["worker script running", "→ worker.mjs loaded and running"],
  ["init received", "→ worker got its init message"],
  ["pyodide.mjs imported", "→ pyodide.mjs imported"],
  ["wasm instantiated", "→ WebAssembly compiled and instantiated"],
  ["interpreter started", "→ interpreter restored from the snapshot"],
  ["runtime files written", "→ runtime files and modules installed"],
  ["extensions set up", "→ threads, processes, asyncio extensions set up"],
  ["runner imported", "→ interleave.runner imported"],
  ["warm-up run done", "→ warm-up run"],
  ["ready", "→ ready message on the page"],
  ["run sent", "→ the program sent (waits for hydration and the Run click)"],
  ["first output", "→ first output received by the page"],
  ["first output shown", "→ first output shown in the console"],
];

function phaseRows(label: string, timelines: Timeline[]): Row[] {
  const rows: Row[] = [];
  let previous: string | null = null;
  for (const [mark, name] of PHASES) {
    const values = timelines.map((t) => (t[mark] ?? NaN) - (previous === null ? 0 : (t[previous] ?? NaN))).filter((v) => Number.isFinite(v));
    if (values.length) rows.push({ group: GROUP, name: `start-up phase, ${label}: ${name}`, value: median(values), unit: "ms", note: spread(values) });
    previous = mark;
  }
  const hydrated = timelines.map((t) => t["runtime started"] ?? NaN).filter((v) => Number.isFinite(v));
  if (hydrated.length) rows.push({ group: GROUP, name: `start-up, ${label}: navigation → first runner mounted (hydration)`, value: median(hydrated), unit: "ms", note: spread(hydrated) });
  for (const [mark, name] of MOMENTS) {
    const values = timelines.map((t) => t[mark] ?? NaN).filter((v) => Number.isFinite(v));
    if (values.length) rows.push({ group: GROUP, name: `start-up, ${label}: navigation → ${name}`, value: median(values), unit: "ms", note: spread(values) });
  }
  return rows;
}

/**
 * Moments that run beside the phases above (downloads and the work overlapped with them), from navigation start:
 * where the time inside "WebAssembly compiled and instantiated" goes.
 */
const MOMENTS: [string, string][] = [
  ["runtime files requested", "runtime's Python files requested"],
  ["runtime files received", "runtime's Python files received"],
  ["runtime files read", "runtime's Python files read in the worker"],
  ["snapshot requested", "snapshot requested"],
  ["snapshot received", "snapshot received (HTTP)"],
  ["snapshot read", "snapshot unpacked in the worker"],
  ["pyodide.asm.mjs received", "pyodide.asm.mjs received"],
  ["pyodide.asm.wasm requested", "pyodide.asm.wasm requested"],
  ["pyodide.asm.wasm received", "pyodide.asm.wasm received"],
  ["wasm compiled", "WebAssembly compiled (or taken from the code cache)"],
  ["wasm instantiation started", "WebAssembly instantiation started"],
];

/**
 * Stock Pyodide as the anchor: a minimal page on the bench origin (served by benchOrigin's proxy, isolated like
 * the site's pages) that imports Pyodide from the site's own /pyodide/<version>/ (the package's files; only our GC
 * patch in pyodide.asm.mjs differs), calls loadPyodide() with its defaults and prints. Navigation → printed.
 */
const STOCK_PATH = "/__bench-stock-pyodide.html";

function stockPage(version: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>stock Pyodide</title></head><body><pre id="out"></pre>
<script type="module">
const { loadPyodide } = await import("/pyodide/${version}/pyodide.mjs");
const py = await loadPyodide({ indexURL: "/pyodide/${version}/", stdout: (line) => { document.getElementById("out").textContent += line + "\\n"; window.__printedAt ??= performance.now(); } });
py.runPython("print('A does step 0')");
</script></body></html>`;
}

/**
 * Runs `measure` on `page`; if it fails, the error says what the page said meanwhile (console, errors, failed
 * requests), its downloads and `state()` (a bare timeout would say nothing of why).
 */
async function withDiagnostics<T>(page: Page, what: string, measure: () => Promise<T>, state: () => Promise<string> = async () => ""): Promise<T> {
  const said: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => void said.push(`console.${m.type()}: ${m.text()}`);
  const onError = (e: Error) => void said.push(`page error: ${e.message}`);
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => void said.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  page.on("requestfailed", onFailed);
  try {
    return await measure();
  } catch (err) {
    const resources = await page
      .evaluate(() => performance.getEntriesByType("resource").map((e) => `${e.name} ${Math.round(e.startTime)}–${Math.round((e as PerformanceResourceTiming).responseEnd)} ms`))
      .catch(() => []);
    const now = await state().catch((e: Error) => `(state unknown: ${e.message})`);
    throw new Error(`${what}: ${(err as Error).message}\n${[now, ...said, ...resources.map((r) => `resource: ${r}`)].filter(Boolean).join("\n")}`);
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onError);
    page.off("requestfailed", onFailed);
  }
}

async function stockFirstOutput(page: Page, baseURL: string): Promise<number> {
  return withDiagnostics(page, "stock Pyodide page did not print", async () => {
    await page.goto(`${baseURL}${STOCK_PATH}`);
    await page.waitForFunction(() => (window as unknown as { __printedAt?: number }).__printedAt !== undefined, null, { timeout: 120_000 });
    return page.evaluate(() => (window as unknown as { __printedAt: number }).__printedAt);
  });
}

/**
 * The origin every profile of this bench talks to: the site behind a small proxy on 127.0.0.1 that also serves the
 * stock Pyodide page at STOCK_PATH. Not Playwright's `route()`: routing any request turns off the browser's HTTP
 * cache for the whole context (Network.setCacheDisabled), so "warm" visits would fetch everything again. Ours and
 * stock Pyodide both go through it, so both pay its (small) cost alike.
 */
async function benchOrigin(site: string, version: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const target = new URL(site);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    if (req.url === STOCK_PATH) {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
        "Cache-Control": "no-store",
      });
      res.end(stockPage(version));
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(`bench proxy: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser profile of its own (on disk, as a learner's is: the code cache and Cache Storage persist in it). */
async function profile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    permissions: ["clipboard-read", "clipboard-write"],
    serviceWorkers: "block",
  });
  // When the learner sees the first line: the moment it is in the runner's console (not when Playwright polls for it).
  await context.addInitScript(() => {
    const w = window as unknown as { __shownAt?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector(".runner [role=log]")?.textContent?.includes("A does step 0")) {
        w.__shownAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  return context;
}

/**
 * Waits until the page's Python worker has kept its unpacked snapshot in Cache Storage (it does so 3 s after Ready):
 * a learner's first visit lasts that long, and the next start reads it instead of downloading and inflating.
 */
async function snapshotKept(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  // A loop of evaluate(), not waitForFunction: that one takes a returned promise for a truthy answer.
  while (!(await page.evaluate(async () => (await (await caches.open("interleave-python-snapshot")).keys()).length > 0))) {
    if (Date.now() > deadline) throw new Error("the unpacked snapshot was not kept in Cache Storage within 30 s of the first output");
    await page.waitForTimeout(250);
  }
}

/** Open lesson 1.1, press Run on its first example at once, wait for its first line: ms from navigation start. */
async function lessonFirstOutput(page: Page, baseURL: string): Promise<{ ms: number; timeline: Timeline }> {
  const runner = page.locator(".runner").first();
  const state = async () => `runner status: ${await runner.locator(".runner-status").innerText({ timeout: 1000 })}; console: ${await runner.getByRole("log").innerText({ timeout: 1000 })}`;
  return withDiagnostics(
    page,
    "lesson 1.1's first example gave no output",
    async () => {
      await page.goto(`${baseURL}${LESSON_1}`);
      await runner.getByRole("button", { name: "Run" }).click();
      await runner.getByRole("log").filter({ hasText: "A does step 0" }).waitFor({ timeout: 120_000 });
      const t = await timeline(page);
      const ms = await page.evaluate(() => (window as unknown as { __shownAt?: number }).__shownAt ?? performance.now());
      t["first output shown"] = ms;
      return { ms, timeline: t };
    },
    state,
  );
}

async function runtimeBench(site: string, trials: number, log: (m: string) => void): Promise<Row[]> {
  const version = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "pyodide", "package.json"), "utf8")).version as string;
  const proxy = await benchOrigin(site, version);
  try {
    return await measureRuntime(proxy.origin, trials, log);
  } finally {
    await proxy.close();
  }
}

async function measureRuntime(baseURL: string, trials: number, log: (m: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const stockCold: number[] = [];
  const stockWarm: number[] = [];
  const lateCold: number[] = [];
  const lateWarm: number[] = [];
  const coldTimelines: Timeline[] = [];
  const warmTimelines: Timeline[] = [];
  const nextLesson: number[] = [];
  const WARM_VISITS = 3;
  for (let i = 0; i < Math.max(3, Math.ceil(trials / 2)); i++) {
    // Interleave and stock Pyodide each in a fresh profile (they share Pyodide's files, so not the same one), in
    // alternating order so neither always goes first on a machine that is warming up.
    const order = i % 2 === 0 ? (["ours", "stock", "late"] as const) : (["late", "stock", "ours"] as const);
    for (const which of order) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-bench-profile-"));
      const context = await profile(dir);
      try {
        const page = await context.newPage();
        if (which === "late") {
          // As before the early start: the worker starts when the first runner mounts (after hydration).
          // The page's inline early start finds the runtime's claim already made and does nothing (spawn.ts).
          await context.addInitScript(() => {
            (globalThis as unknown as { __interleavePython?: string }).__interleavePython = "claimed";
          });
          lateCold.push((await lessonFirstOutput(page, baseURL)).ms);
          await snapshotKept(page);
          for (let v = 0; v < WARM_VISITS; v++) lateWarm.push((await lessonFirstOutput(page, baseURL)).ms);
        } else if (which === "stock") {
          stockCold.push(await stockFirstOutput(page, baseURL));
          for (let v = 0; v < WARM_VISITS; v++) stockWarm.push(await stockFirstOutput(page, baseURL));
        } else {
          const c = await lessonFirstOutput(page, baseURL);
          cold.push(c.ms);
          coldTimelines.push(c.timeline);
          await snapshotKept(page);
          for (let v = 0; v < WARM_VISITS; v++) {
            const w = await lessonFirstOutput(page, baseURL);
            warm.push(w.ms);
            warmTimelines.push(w.timeline);
          }
          // Client-side navigation keeps the worker: the next lesson's runner is ready at once.
          const t0 = Date.now();
          await page.getByRole("link", { name: /Next Waiting versus working/ }).click();
          await page.locator(".runner .runner-status").filter({ hasText: "Ready" }).first().waitFor();
          nextLesson.push(Date.now() - t0);
        }
      } finally {
        await context.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    log(`site-runtime: trial ${i + 1}: cold ${Math.round(cold.at(-1)!)} ms (stock ${Math.round(stockCold.at(-1)!)}), warm ${warm.slice(-WARM_VISITS).map(Math.round).join("/")} ms (late start ${Math.round(lateCold.at(-1)!)}, ${lateWarm.slice(-WARM_VISITS).map(Math.round).join("/")}; stock ${stockWarm.slice(-WARM_VISITS).map(Math.round).join("/")})`);
  }
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  rows.push({ group: GROUP, name: "navigation → first output, cold", value: median(cold), unit: "ms", ...atMost(median(cold), 2000), note: `${spread(cold)}; fresh browser profile` });
  rows.push({ group: GROUP, name: "navigation → first output, warm HTTP cache", value: median(warm), unit: "ms", ...atMost(median(warm), 1000), note: `${spread(warm)}; visits 2–${WARM_VISITS + 1} of a profile (HTTP and code caches warm; the unpacked snapshot taken from Cache Storage in ${warmTimelines.filter((t) => "snapshot taken from Cache Storage" in t).length} of ${warmTimelines.length})` });
  rows.push({ group: GROUP, name: "navigation → first output, cold, worker started after hydration (as before)", value: median(lateCold), unit: "ms", note: spread(lateCold) });
  rows.push({ group: GROUP, name: "navigation → first output, warm, worker started after hydration (as before)", value: median(lateWarm), unit: "ms", note: spread(lateWarm) });
  rows.push({ group: GROUP, name: "stock Pyodide: navigation → print, cold", value: median(stockCold), unit: "ms", note: `${spread(stockCold)}; loadPyodide() + print from the same server` });
  rows.push({ group: GROUP, name: "stock Pyodide: navigation → print, warm", value: median(stockWarm), unit: "ms", note: spread(stockWarm) });
  rows.push({ group: GROUP, name: "first output vs stock Pyodide, cold", value: ratio(median(cold), median(stockCold)), unit: "x", ...atMost(ratio(median(cold), median(stockCold)), 0.2) });
  rows.push({ group: GROUP, name: "first output vs stock Pyodide, warm", value: ratio(median(warm), median(stockWarm)), unit: "x", ...atMost(ratio(median(warm), median(stockWarm)), 0.2) });
  rows.push(...phaseRows("cold", coldTimelines), ...phaseRows("warm", warmTimelines));
  rows.push({ group: GROUP, name: "client-side navigation → next lesson's runner ready", value: median(nextLesson), unit: "ms", ...atMost(median(nextLesson), 100) });

  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${baseURL}${LESSON_1}`);
    await page.locator(".runner .runner-status").filter({ hasText: "Ready" }).first().waitFor({ timeout: 120_000 });
    await paste(page, "print(1 + 1)\n");
    const reruns: number[] = [];
    for (let i = 0; i < trials; i++) {
      const t0 = await page.evaluate(() => performance.now());
      await runAndWait(page, /Finished/);
      reruns.push((await page.evaluate(() => performance.now())) - t0);
    }
    rows.push({ group: GROUP, name: "rerun print(1+1) in a fresh namespace (click → done)", value: median(reruns), unit: "ms", ...atMost(median(reruns), 50), note: "includes Playwright's round trips" });

    await paste(page, "while True:\n    pass\n");
    const stops: number[] = [];
    let lost = 0;
    for (let i = 0; i < trials; i++) {
      const runner = page.locator(".runner").first();
      await runner.getByRole("button", { name: "Run" }).click();
      await runner.locator(".runner-status").filter({ hasText: "Running" }).waitFor();
      await page.waitForTimeout(200);
      const t0 = await page.evaluate(() => performance.now());
      await runner.getByRole("button", { name: "Stop" }).click();
      await runner.locator(".runner-status").filter({ hasText: /Interrupted|Stopped by force/ }).waitFor();
      stops.push((await page.evaluate(() => performance.now())) - t0);
      if (/Stopped by force/.test(await runner.locator(".runner-status").innerText())) lost += 1;
    }
    rows.push({ group: GROUP, name: "Stop → KeyboardInterrupt", value: median(stops), unit: "ms", ...atMost(median(stops), 100), note: `median of ${stops.length}` });
    rows.push({ group: GROUP, name: "interrupts that needed the 1 s kill", value: lost, unit: "count", ...atMost(lost, 0) });

    await page.evaluate(() => {
      (window as unknown as { __longest: number }).__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const w = window as unknown as { __longest: number };
          w.__longest = Math.max(w.__longest, e.duration);
        }
      }).observe({ type: "longtask", buffered: false });
    });
    await paste(page, "for i in range(1_000_000):\n    print(i)\n");
    const f0 = await page.evaluate(() => performance.now());
    await runAndWait(page, /Finished/, 300_000);
    const flood = (await page.evaluate(() => performance.now())) - f0;
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    rows.push({ group: GROUP, name: "10⁶ printed lines → done", value: flood, unit: "ms" });
    rows.push({ group: GROUP, name: "longest main-thread task during the flood", value: longest, unit: "ms", ...atMost(longest, 100) });
    await context.close();
  } finally {
    await browser.close();
  }
  return rows;
}

export const siteRuntime: BenchModule = {
  name: GROUP,
  needsSite: true,
  run: (ctx) => runtimeBench(ctx.baseURL!, ctx.trials, ctx.log),
};
