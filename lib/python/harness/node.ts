/**
 * Runs Python programs through the real in-browser runtime from Node: one headless Chromium, one page, one warm
 * worker for many programs (content checks, conformance suites, `npm run py`). The page is served from a tiny
 * static server on 127.0.0.1 with the very files (public/) and headers (lib/python/serve/headers.js, plus the
 * cross-origin isolation of next.config.js) the site serves.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { RunEvent, RunRequest, RunResult, RuntimePhase } from "../client/types";
import type { StepUnit } from "../protocol";
import type { RuntimeDebugState } from "../client";
import { headersFor } from "../serve/headers";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium";

export { CHROMIUM_ARGS, chromiumExecutable };

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const PUBLIC = path.join(ROOT, "public");
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};
const TYPES: Record<string, string> = {
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
  ".bin": "application/octet-stream",
};

const HARNESS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Interleave harness</title></head>
<body><script type="module" src="/runtime/harness.mjs"></script></body></html>`;

export interface StaticServer {
  server: http.Server;
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the harness page and the runtime on 127.0.0.1 (a random port). `onUpload` receives POST /__upload
 * bodies (the snapshot maker uses it to hand the interpreter's memory back to Node).
 */
export function serveRuntime(options: { onUpload?: (body: Buffer) => void; onRequest?: (method: string, pathname: string) => void } = {}): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    options.onRequest?.(req.method ?? "GET", url.pathname);
    if (url.pathname === "/" || url.pathname === "/harness.html") {
      res.writeHead(200, { ...ISOLATION_HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(HARNESS_HTML);
      return;
    }
    if (url.pathname === "/__upload" && req.method === "POST" && options.onUpload) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        options.onUpload?.(Buffer.concat(chunks));
        res.writeHead(204, ISOLATION_HEADERS).end();
      });
      return;
    }
    // Only the runtime's own folders, as files in public/ (no directory listings, no escaping it).
    const file = path.join(PUBLIC, path.normalize(url.pathname));
    const stat = /^\/(pyodide|runtime)\//.test(url.pathname) && file.startsWith(PUBLIC + path.sep) ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!stat?.isFile() || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { ...ISOLATION_HEADERS, "Content-Type": "text/plain" }).end("not found");
      return;
    }
    // Like Next's static files: revalidated by ETag unless a rule says the URL is immutable.
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      ...ISOLATION_HEADERS,
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": "public, max-age=0",
      ETag: etag,
      ...headersFor(url.pathname),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "Content-Length": String(stat.size) });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|py)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Rebuilds the runtime (with its memory snapshot) when lib/python changed since the last build, so tests and the
 * CLI never run stale code. Serialised across processes (parallel test files) by a lock directory.
 */
export async function ensureRuntimeBuilt(): Promise<void> {
  const worker = path.join(PUBLIC, "runtime", "worker.mjs");
  const isCurrent = () => {
    const built = fs.statSync(worker, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const hasSnapshot = fs.existsSync(path.join(PUBLIC, "runtime")) && fs.readdirSync(path.join(PUBLIC, "runtime")).some((n) => n.startsWith("snapshot-"));
    return built > newestSource(path.join(ROOT, "lib", "python")) && hasSnapshot;
  };
  if (isCurrent()) return;
  const lock = path.join(ROOT, "node_modules", ".cache", "interleave-runtime-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another process builds; a lock older than 10 minutes is left over from a crash.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isCurrent()) return;
    const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-runtime.mjs"), "--snapshot", "--quiet"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("building the Python runtime failed (node scripts/build-runtime.mjs --snapshot)");
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
}

export interface ProgramResult {
  stdout: string;
  stderr: string;
  result: RunResult;
  /** Everything the run emitted, in order (output, notices, input requests, traces). */
  events: RunEvent[];
}

export type ReadyPhase = Extract<RuntimePhase, { phase: "ready" }>;

export class PythonHarness {
  private listener: ((event: RunEvent) => void) | null = null;

  private constructor(
    private readonly server: StaticServer,
    private readonly browser: Browser,
    private readonly ownsBrowser: boolean,
    readonly page: Page,
    /** How the worker started (load time, snapshot, JSPI, isolation). */
    readonly ready: ReadyPhase,
  ) {}

  /** The origin of the harness's server (http://127.0.0.1:port). */
  get origin(): string {
    return this.server.origin;
  }

  /** Starts a server, a Chromium (unless one is given) and a page whose Python worker is loaded and ready. */
  static async start(
    options: {
      browser?: Browser;
      onRequest?: (method: string, pathname: string) => void;
      maxProcesses?: number;
      /** Behave as a browser without these (WebKitGTK has neither): see RuntimeOptions.without. */
      without?: { stackSwitching?: boolean; sharedMemory?: boolean };
    } = {},
  ): Promise<PythonHarness> {
    await ensureRuntimeBuilt();
    const server = await serveRuntime({ onRequest: options.onRequest });
    const browser = options.browser ?? (await launchChromium());
    try {
      const page = await browser.newPage();
      // INTERLEAVE_CONSOLE=1: the page's and its workers' console on stderr, for debugging the runtime.
      if (process.env.INTERLEAVE_CONSOLE) page.on("console", (m) => process.stderr.write(`[console.${m.type()}] ${m.text()}\n`));
      let harness: PythonHarness | null = null;
      await page.exposeFunction("__harnessEvent", (event: RunEvent) => harness?.listener?.(event));
      const query = new URLSearchParams();
      if (options.maxProcesses) query.set("maxProcesses", String(options.maxProcesses));
      if (options.without?.stackSwitching) query.set("jspi", "0");
      if (options.without?.sharedMemory) query.set("shared", "0");
      await page.goto(`${server.origin}/harness.html${query.size ? `?${query}` : ""}`);
      await page.waitForFunction(() => "interleaveHarness" in window);
      const ready = await page.evaluate(() => window.interleaveHarness.ready());
      harness = new PythonHarness(server, browser, !options.browser, page, ready);
      return harness;
    } catch (err) {
      if (!options.browser) await browser.close();
      await server.close();
      throw err;
    }
  }

  /**
   * Runs one program to completion; `onEvent` sees events live (e.g. to answer input or stream output). Without
   * an `onEvent`, input beyond `request.stdin` reads end-of-file, as `python3 file.py < lines.txt` would.
   */
  async run(request: RunRequest, onEvent?: (event: RunEvent, harness: PythonHarness) => void): Promise<ProgramResult> {
    const events: RunEvent[] = [];
    let stdout = "";
    let stderr = "";
    let finished: () => void = () => undefined;
    const doneEvent = new Promise<void>((r) => (finished = r));
    this.listener = (event) => {
      events.push(event);
      if (event.kind === "stdout") stdout += event.text;
      else if (event.kind === "stderr") stderr += event.text;
      if (onEvent) onEvent(event, this);
      else if (event.kind === "input-request") void this.sendEof();
      if (event.kind === "done") finished();
    };
    try {
      const result = await this.page.evaluate((req) => window.interleaveHarness.run(req), request);
      // Events travel through exposeFunction separately from evaluate's answer: wait for the last one.
      await doneEvent;
      return { stdout, stderr, result, events };
    } finally {
      this.listener = null;
    }
  }

  sendInput(line: string): Promise<void> {
    return this.page.evaluate((l) => window.interleaveHarness.sendInput(l), line);
  }

  sendEof(): Promise<void> {
    return this.page.evaluate(() => window.interleaveHarness.sendEof());
  }

  /** Step mode: answer the current pause with a thread's label or a STEP_CHOICE code. */
  step(choice: number, unit?: StepUnit): Promise<void> {
    return this.page.evaluate(([c, u]) => window.interleaveHarness.step(c, u ?? undefined), [choice, unit ?? null] as const);
  }

  /** The page runtime's state (phase, shared buffers, ready workers for child processes), for tests and diagnosis. */
  debugState(): Promise<RuntimeDebugState> {
    return this.page.evaluate(() => window.interleaveHarness.debugState());
  }

  /** Stop, as the runner's button: KeyboardInterrupt, repeated; the worker is replaced if it does not land in 1 s. */

  stop(): Promise<void> {
    return this.page.evaluate(() => window.interleaveHarness.stop());
  }

  async close(): Promise<void> {
    if (this.ownsBrowser) await this.browser.close();
    else await this.page.close();
    await this.server.close();
  }
}
