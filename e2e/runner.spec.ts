import { expect, test } from "@playwright/test";
import { firstRunner, ready, runCode, typeCode } from "./helpers";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";
const LESSON_2 = "/learn/concurrency-and-parallelism/waiting-versus-working";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
// A cold Pyodide load takes 10-11 s on an idle two-core machine and several times that when other jobs share it.
test.describe.configure({ timeout: 180_000 });

test("run an example, edit it and run again; a traceback marks the line", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("log")).toContainText("A does step 0\nB does step 0\nA does step 1", { useInnerText: true });
  await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/);

  await typeCode(page, runner, 'x = 41\nprint("answer", x + 1)\nprint(undefined_name)\n');
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(runner.getByRole("log")).toContainText("answer 42");
  await expect(runner.getByRole("log")).toContainText("NameError: name 'undefined_name' is not defined");
  await expect(runner.getByRole("log")).toContainText('File "round_robin.py", line 3');
  await expect(runner.getByRole("status")).toHaveText(/Exception: NameError.*\(line 3\)/);
  await expect(runner.locator(".editor-error-line")).toHaveCount(1);

  // A syntax error's status says its line once and does not name the example's file, whose code the learner
  // replaced (issue 21, item 5); the traceback in the console still says where Python read it.
  await runCode(page, runner, 'print("one")\nprint("two")\nx = = 3\n');
  await expect(runner.getByRole("log")).toContainText("SyntaxError");
  await expect(runner.getByRole("status")).toHaveText(/^Exception: SyntaxError: [^()]+ \(line 3\)$/);
  await expect(runner.getByRole("status")).not.toContainText("round_robin.py");

  // Globals do not leak from one run into the next.
  await runCode(page, runner, 'print("x" in globals())\n');
  await expect(runner.getByRole("log")).toHaveText("False");

  await runner.getByRole("button", { name: "Reset" }).click();
  await expect(runner.locator(".monaco-editor")).toContainText("def worker(name, steps):");
  await expect(runner.getByRole("button", { name: "Undo reset" })).toBeVisible();
});

test("the code is on the page before any script runs, and Monaco arriving moves nothing", async ({ browser, page }) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(LESSON_1);
  const textarea = plain.locator(".runner").first().getByRole("textbox", { name: /Python code/ });
  await expect(textarea).toHaveValue(/def worker\(name, steps\):/);
  await noScript.close();

  // Heights of the first runner as first painted and once Monaco has replaced the plain text area.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const box = document.querySelector(".runner .code-editor");
      (window as unknown as { firstHeight?: number }).firstHeight = box?.getBoundingClientRect().height;
    });
  });
  await page.goto(LESSON_1);
  const runner = page.locator(".runner").first();
  await expect(runner.locator(".code-editor")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  const [before, after] = await page.evaluate(() => [
    (window as unknown as { firstHeight?: number }).firstHeight,
    document.querySelector(".runner .code-editor")?.getBoundingClientRect().height,
  ]);
  expect(before).toBeGreaterThan(100);
  expect(after).toBe(before);
});

test("Monaco waits while Python starts, and comes at once when the learner focuses the code", async ({ page }) => {
  // When the first runner's Monaco and its "Ready" appear (ms from navigation start).
  await page.addInitScript(() => {
    const w = window as unknown as { monacoAt?: number; readyAt?: number };
    new MutationObserver(() => {
      const runner = document.querySelector(".runner");
      if (w.readyAt === undefined && /Ready/.test(runner?.querySelector("[role=status]")?.textContent ?? "")) w.readyAt = performance.now();
      if (w.monacoAt === undefined && runner?.querySelector(".code-editor-monaco")) w.monacoAt = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(LESSON_1);
  const runner = page.locator(".runner").first();
  await expect(runner.locator(".code-editor")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  const { monacoAt, readyAt } = await page.evaluate(() => {
    const w = window as unknown as { monacoAt?: number; readyAt?: number };
    return { monacoAt: w.monacoAt, readyAt: w.readyAt };
  });
  expect(readyAt).toBeDefined();
  // After Python is ready, or once the hold gave up waiting (HOLD_MAX_MS, 6 s, on a machine that starts it slowly).
  expect(monacoAt! >= readyAt! || monacoAt! >= 6000).toBe(true);

  // Python's WebAssembly held back: the learner clicks into the code, and Monaco does not wait for Python.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route("**/pyodide/pyodide.asm.wasm", async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.goto(LESSON_2);
    const next = page.locator(".runner").first();
    await next.getByRole("textbox", { name: /Python code/ }).click();
    await expect(next.locator(".code-editor")).toHaveAttribute("data-editor", "monaco", { timeout: 15_000 });
    await expect(next.getByRole("status")).not.toHaveText(/Ready/);
  } finally {
    release();
  }
  await ready(page.locator(".runner").first());
});

test("a returning learner's Python starts from the snapshot kept unpacked, and a damaged one is dropped", async ({ page }) => {
  const CACHE = "interleave-python-snapshot";
  const kept = () =>
    page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return Promise.all((await cache.keys()).map(async (r) => ({ path: new URL(r.url).pathname, bytes: (await (await cache.match(r))!.arrayBuffer()).byteLength })));
    }, CACHE);
  const startedFromCache = () => page.evaluate(() => performance.getEntriesByName("python: snapshot taken from Cache Storage").length > 0);

  // First visit: downloaded and inflated, then kept (31 MB) a few seconds after Ready.
  let runner = await firstRunner(page, LESSON_1);
  expect(await startedFromCache()).toBe(false);
  await expect.poll(kept, { timeout: 20_000 }).toEqual([{ path: expect.stringMatching(/^\/runtime\/snapshot-[0-9a-f]{16}\.bin$/), bytes: expect.any(Number) }]);
  expect((await kept())[0]!.bytes).toBeGreaterThan(20_000_000);

  // Next visit: taken from Cache Storage; the example runs as before.
  runner = await firstRunner(page, LESSON_1);
  expect(await startedFromCache()).toBe(true);
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("log")).toContainText("A does step 0\nB does step 0", { useInnerText: true });

  // A damaged entry: Python still starts (the slow way, without a snapshot), and the entry is dropped.
  const key = (await kept())[0]!.path;
  await page.evaluate(async ([name, path]) => (await caches.open(name)).put(path, new Response("not a memory snapshot")), [CACHE, key] as const);
  runner = await firstRunner(page, LESSON_1);
  expect(await startedFromCache()).toBe(true);
  await expect.poll(kept, { timeout: 20_000 }).toEqual([]);
  await runner.getByRole("button", { name: "Run" }).click();
  await expect(runner.getByRole("log")).toContainText("A does step 0\nB does step 0", { useInnerText: true });
});

test("when Monaco cannot be fetched, the lesson stays and its plain text box edits and runs", async ({ page }) => {
  // Monaco's chunks fail (a flaky network, or a deploy that replaced them); every other script loads.
  let refused = 0;
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes("MonacoEnvironment")) return route.fulfill({ response, body });
    refused += 1;
    return route.abort();
  });
  const warnings: string[] = [];
  page.on("console", (m) => void (m.type() === "warning" && warnings.push(m.text())));
  await page.goto(LESSON_1);
  const runner = page.locator(".runner").first();
  await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThan(0);
  await ready(runner);
  const textarea = runner.getByRole("textbox", { name: /Python code/ });
  await textarea.fill('print("typed without Monaco")\n');
  await textarea.press("ControlOrMeta+Enter");
  await expect(runner.getByRole("log")).toHaveText("typed without Monaco");
  await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Doing several things at once");
  await expect(runner.locator(".code-editor")).toHaveAttribute("data-editor", "plain");
  expect(warnings.some((w) => w.includes("Monaco) did not load"))).toBe(true);
});

test("Ctrl+Enter runs the runner it was pressed in, not the last one on the page", async ({ page }) => {
  await page.goto(LESSON_2);
  const [first, second] = [page.locator(".runner").nth(0), page.locator(".runner").nth(1)];
  // Both editors loaded (they load lazily as they near the viewport).
  await second.scrollIntoViewIfNeeded();
  await expect(second.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await first.scrollIntoViewIfNeeded();
  await expect(first.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await ready(first);
  await first.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(first.getByRole("status")).toHaveText(/Finished in \d+ ms/);
  await expect(second.getByRole("log")).toHaveCount(0);
  await expect(second.getByRole("status")).toHaveText("Ready");
});

test("leaving a lesson while its program runs does not hold up the next lesson's runner", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runCode(page, runner, "while True:\n    pass\n");
  await expect(runner.getByRole("status")).toHaveText(/Running/);
  // Client-side navigation: the worker (and the endless loop in it) survives, the runner that started it does not.
  await page.getByRole("link", { name: /Waiting versus working/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`${LESSON_2}$`));
  const next = page.locator(".runner").first();
  await next.getByRole("button", { name: "Run" }).click();
  await expect(next.getByRole("status")).toHaveText(/Finished in \d+ ms/, { timeout: 30_000 });
});

test("input() is answered in the console", async ({ page }) => {
  await page.goto(LESSON_2);
  const runner = page.locator(".runner", { hasText: "Classify a task" });
  await ready(runner);
  await runner.getByRole("button", { name: "Run" }).click();
  const field = runner.getByRole("textbox", { name: /Input for the program/ });
  await expect(field).toBeFocused();
  await expect(runner.getByRole("log")).toContainText("Does the task keep the processor busy");
  await field.fill("yes");
  await field.press("Enter");
  await expect(runner.getByRole("log")).toContainText("CPU-bound: more cores help");
  await expect(runner.getByRole("status")).toHaveText(/Finished/);
});

test("Stop interrupts an endless loop, and a program that catches KeyboardInterrupt ends cleanly", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runCode(page, runner, "while True:\n    pass\n");
  await expect(runner.getByRole("status")).toHaveText(/Running/);
  await runner.getByRole("button", { name: "Stop" }).click();
  await expect(runner.getByRole("status")).toHaveText("Interrupted (KeyboardInterrupt)");
  await expect(runner.getByRole("log")).toContainText("KeyboardInterrupt");

  await runCode(page, runner, 'try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("cleaned up")\n');
  await expect(runner.getByRole("status")).toHaveText(/Running/);
  await runner.getByRole("button", { name: "Stop" }).click();
  await expect(runner.getByRole("log")).toHaveText("cleaned up");
  await expect(runner.getByRole("status")).toHaveText(/Finished/);
});

test("a flood of output and a runaway program leave the page responsive", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runCode(page, runner, "for i in range(1_000_000):\n    print(i)\n");
  await expect(runner.getByRole("status")).toHaveText(/Finished/, { timeout: 150_000 });
  await expect(runner.getByText("1,000,000 lines (999,500 hidden)")).toBeVisible();
  await expect(runner.getByRole("button", { name: "Download full output" })).toBeVisible();
  await expect(runner.getByRole("log")).toContainText("999999");

  await runCode(page, runner, "def f(n):\n    return f(n + 1)\nf(0)\n");
  await expect(runner.getByRole("log")).toContainText("RecursionError");
  // The page still answers: the theme toggle works while Python is busy or done.
  await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();

  await runCode(page, runner, 'print("still working")\n');
  await expect(runner.getByRole("log")).toHaveText("still working");
});

test("the sandbox refuses the network, the page and the app's storage", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  const probe = `
import js
checks = {
  "js.fetch": lambda: js.fetch("/api/progress"),
  "XMLHttpRequest": lambda: js.XMLHttpRequest.new(),
  "WebSocket": lambda: js.WebSocket.new("ws://127.0.0.1:1"),
  "EventSource": lambda: js.EventSource.new("/"),
  "importScripts": lambda: js.importScripts("/x.js"),
  "Worker": lambda: js.Worker.new("/runtime/worker.mjs"),
  "sendBeacon": lambda: js.navigator.sendBeacon("/api/progress", "x"),
  "indexedDB": lambda: js.indexedDB.open("x"),
  "postMessage": lambda: js.postMessage({"v": 1, "type": "fatal", "message": "forged"}),
}
from pyodide.code import run_js
for name in ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "Worker", "navigator", "indexedDB", "caches", "postMessage", "document", "parent"]:
    checks["run_js " + name] = (lambda n: lambda: run_js(f"if (typeof {n} === 'undefined' || {n} === undefined) throw new Error('absent'); {n}"))(name)
try:
    import pyodide.http
    checks["pyodide.http.pyfetch"] = lambda: pyodide.http.open_url("/api/progress")
except Exception:
    pass
for name, attempt in checks.items():
    try:
        attempt()
        print("ALLOWED", name)
    except Exception as e:
        print("refused", name)
print("done")
`;
  await runCode(page, runner, probe.trim() + "\n");
  await expect(runner.getByRole("log")).toContainText("done", { timeout: 30_000 });
  const log = await runner.getByRole("log").innerText();
  expect(log).not.toContain("ALLOWED");
  expect(log).toContain("refused js.fetch");
  expect(log).toContain("refused run_js fetch");
});
