/**
 * The two engines the cross-browser smoke suite drives besides Chromium (which Playwright drives in e2e/*.spec.ts):
 * - Firefox: Debian's firefox-esr through WebDriver BiDi, with puppeteer-core (Playwright's own Firefox build cannot
 *   be downloaded here, and it is not stock Firefox);
 * - WebKit: Debian's WebKitGTK through WebKitWebDriver (W3C WebDriver) under xvfb-run, with the small client below
 *   (WebKitGTK 2.50 speaks classic WebDriver; its BiDi is incomplete).
 * Both behind one interface, so every scenario runs the same way in each engine.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "@/scripts/lib/free-port";

export interface Driver {
  readonly engine: "firefox" | "webkit";
  readonly version: string;
  goto(url: string): Promise<void>;
  /** Runs `fn` (source of a function) in the page with JSON arguments; returns its JSON result. */
  eval<T>(fn: string, ...args: unknown[]): Promise<T>;
  /** A real click on the first element matching `css`. */
  click(css: string): Promise<void>;
  /** Focuses the element and types `text` with the keyboard ("\n" presses Enter). */
  type(css: string, text: string): Promise<void>;
  /** Select all in the focused element (Ctrl+A). */
  selectAll(css: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
export const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** What is missing to drive each engine (empty when it can run). */
export function missing(engine: "firefox" | "webkit"): string[] {
  const which = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
  if (engine === "firefox") return fs.existsSync(FIREFOX) ? [] : ["firefox-esr"];
  const out: string[] = [];
  if (!fs.existsSync(WEBKIT_DRIVER) || !fs.existsSync(MINIBROWSER)) out.push("webkit2gtk-driver");
  if (!which("xvfb-run")) out.push("xvfb");
  return out;
}

// ---- Firefox (puppeteer-core over WebDriver BiDi) ----

export async function launchFirefox(options: { serviceWorkers?: boolean } = {}): Promise<Driver> {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // Only 127.0.0.1 in tests: no update checks, telemetry or remote settings.
    // Service workers off unless asked for, as in the Chromium specs (playwright.config.ts): the offline worker
    // would precache the whole course in every fresh profile.
    extraPrefsFirefox: { "dom.serviceWorkers.enabled": options.serviceWorkers ?? false, "app.update.enabled": false, "browser.shell.checkDefaultBrowser": false, "datareporting.policy.dataSubmissionEnabled": false, "network.dns.disableIPv6": true },
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1600 });
  return {
    engine: "firefox",
    version: await browser.version(),
    async goto(url) {
      await page.goto(url, { waitUntil: "load" });
    },
    eval<T>(fn: string, ...args: unknown[]) {
      return page.evaluate(`(${fn})(...${JSON.stringify(args)})`) as Promise<T>;
    },
    async click(css) {
      await page.click(css);
    },
    async type(css, text) {
      await page.focus(css);
      for (const part of text.split(/(\n)/)) {
        if (part === "\n") await page.keyboard.press("Enter");
        else if (part) await page.keyboard.type(part);
      }
    },
    async selectAll(css) {
      await page.focus(css);
      await page.keyboard.down("Control");
      await page.keyboard.press("a");
      await page.keyboard.up("Control");
    },
    async screenshot(file) {
      await page.screenshot({ path: file as `${string}.png`, fullPage: false });
    },
    async close() {
      await browser.close();
    },
  };
}

// ---- WebKit (WebKitWebDriver: W3C WebDriver over HTTP) ----


const ELEMENT = "element-6066-11e4-a52f-4a5e2e5d6b8d";
const KEY = { enter: "\uE007", control: "\uE009", release: "\uE000" };

export async function launchWebKit(): Promise<Driver> {
  const port = await freePort();
  // Its own process group, so closing ends xvfb-run, Xvfb, the driver and MiniBrowser together (by this pid only).
  const driver: ChildProcess = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x1600x24", WEBKIT_DRIVER, `--port=${port}`, "--host=127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  driver.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(base + path, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (json.value && typeof json.value === "object" && "error" in json.value && json.value.error) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  const kill = () => {
    try {
      if (driver.pid) process.kill(-driver.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch {
      if (i > 100 || driver.exitCode !== null) {
        kill();
        throw new Error(`WebKitWebDriver did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let session: { sessionId: string; capabilities: { browserVersion?: string } };
  try {
    session = await call("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } } },
    });
  } catch (err) {
    kill();
    throw err;
  }
  const s = (path: string) => `/session/${session.sessionId}${path}`;
  const find = async (css: string) => {
    const el = await call<Record<string, string>>("POST", s("/element"), { using: "css selector", value: css });
    // The W3C key; WebKitGTK 2.50 answers with its own older one.
    const id = el[ELEMENT] ?? Object.values(el)[0];
    if (!id) throw new Error(`WebDriver: no element id for ${css}`);
    return id;
  };
  await call("POST", s("/window/rect"), { width: 1280, height: 1600 });
  return {
    engine: "webkit",
    version: session.capabilities.browserVersion ?? "?",
    async goto(url) {
      await call("POST", s("/url"), { url });
    },
    eval<T>(fn: string, ...args: unknown[]) {
      return call<T>("POST", s("/execute/sync"), { script: `return (${fn})(...arguments)`, args });
    },
    async click(css) {
      await call("POST", s(`/element/${await find(css)}/click`), {});
    },
    async type(css, text) {
      const id = await find(css);
      await call("POST", s(`/element/${id}/value`), { text: text.replace(/\n/g, KEY.enter) });
    },
    async selectAll(css) {
      const id = await find(css);
      await call("POST", s(`/element/${id}/value`), { text: `${KEY.control}a${KEY.release}` });
    },
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await call<string>("GET", s("/screenshot")), "base64"));
    },
    async close() {
      try {
        await call("DELETE", s(""));
      } finally {
        kill();
      }
    },
  };
}
