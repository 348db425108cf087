/**
 * Runs Python programs through the real in-browser runtime from Node: one headless Chromium, one page, one warm
 * worker for many programs (content checks, conformance suites, `npm run py`). The page is served from a tiny
 * static server on 127.0.0.1 with the same files and cross-origin isolation headers as the site.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { RunEvent, RunRequest, RunResult } from "../client/types";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium";

export { CHROMIUM_ARGS, chromiumExecutable };

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const PUBLIC = path.join(ROOT, "public");
const TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
  ".html": "text/html",
};
const HARNESS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Interleave harness</title></head>
<body><script type="module" src="/runtime/harness.mjs"></script></body></html>`;

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    };
    if (url.pathname === "/" || url.pathname === "/harness.html") {
      res.writeHead(200, { ...headers, "Content-Type": "text/html" }).end(HARNESS_HTML);
      return;
    }
    const file = path.normalize(path.join(PUBLIC, url.pathname));
    if (!file.startsWith(PUBLIC + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface ProgramResult {
  stdout: string;
  stderr: string;
  result: RunResult;
  /** Output in the order it arrived, for transcripts. */
  events: RunEvent[];
}

export class PythonHarness {
  private constructor(
    private readonly server: http.Server,
    private readonly browser: Browser,
    private readonly page: Page,
    private listener: ((event: RunEvent) => void) | null,
  ) {}

  static async start(): Promise<PythonHarness> {
    if (!fs.existsSync(path.join(PUBLIC, "runtime", "worker.mjs"))) {
      throw new Error("The Python runtime is not built: run `node scripts/build-runtime.mjs` (npm install does it).");
    }
    const server = await serve();
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const harness = new PythonHarness(server, browser, page, null);
    await page.exposeFunction("__harnessEvent", (event: RunEvent) => harness.listener?.(event));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/harness.html`);
    await page.waitForFunction(() => "interleaveHarness" in window);
    await page.evaluate(() => window.interleaveHarness.ready());
    return harness;
  }

  /**
   * Runs one program to completion; `onEvent` sees events live (e.g. to answer input or stream output). Without
   * an `onEvent`, input beyond `request.stdin` reads end-of-file, as `python3 file.py < lines.txt` would.
   */
  async run(request: RunRequest, onEvent?: (event: RunEvent, harness: PythonHarness) => void): Promise<ProgramResult> {
    const events: RunEvent[] = [];
    let stdout = "";
    let stderr = "";
    this.listener = (event) => {
      events.push(event);
      if (event.kind === "stdout") stdout += event.text;
      else if (event.kind === "stderr") stderr += event.text;
      if (onEvent) onEvent(event, this);
      else if (event.kind === "input-request") void this.sendEof();
    };
    try {
      const result = await this.page.evaluate((req) => window.interleaveHarness.run(req), request);
      // Events are delivered through exposeFunction asynchronously; let the last ones arrive.
      await this.page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
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

  stop(): Promise<void> {
    return this.page.evaluate(() => window.interleaveHarness.stop());
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((r) => this.server.close(r));
  }
}
