import { expect, test, type Page } from "@playwright/test";
import { runCode } from "./helpers";

/**
 * Runaway and hostile programs in a real lesson page (README "Runaway and hostile programs" lists these cases):
 * each must end the way it says, keep the page answering while it runs, and leave the next run working.
 * (The 10⁶-line flood and the sandbox escapes have their own tests in runner.spec.ts; the worker-level escape
 * table is in lib/python/runtime.test.ts.)
 */
const LESSON = "/learn/concurrency-and-parallelism/doing-several-things";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.describe.configure({ timeout: 600_000 });

/**
 * The page's main thread never stalled for a second since the last look (a frozen page would): a heartbeat timer in
 * the page records the longest gap between its beats. Measured in the page, so a loaded test machine's slow
 * round trips to the browser do not count as a freeze, and a freeze between two looks is not missed.
 */
async function responsive(page: Page) {
  const longestGap = await page.evaluate(() => {
    const w = window as unknown as { __heartbeat?: { last: number; longest: number } };
    const now = performance.now();
    if (!w.__heartbeat) {
      const beat = { last: now, longest: 0 };
      w.__heartbeat = beat;
      setInterval(() => {
        const t = performance.now();
        beat.longest = Math.max(beat.longest, t - beat.last);
        beat.last = t;
      }, 50);
    }
    const beat = w.__heartbeat;
    const longest = Math.max(beat.longest, now - beat.last);
    beat.longest = 0;
    return longest;
  });
  expect(longestGap, "the longest the page's main thread went without running a timer (ms)").toBeLessThan(1000);
}

interface Case {
  name: string;
  code: string;
  /** Press Stop once the program is running (after this many ms). */
  stopAfterMs?: number;
  status: RegExp;
  log?: RegExp;
  /** A button the run's pictures must offer afterwards. */
  button?: string;
  timeoutMs?: number;
}

const CASES: Case[] = [
  { name: "an infinite loop, stopped", code: "while True:\n    pass\n", stopAfterMs: 500, status: /^Interrupted \(KeyboardInterrupt\)$/ },
  {
    name: "a loop that catches KeyboardInterrupt and keeps going, stopped",
    code: 'print("stubborn", flush=True)\nwhile True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n',
    stopAfterMs: 500,
    status: /^Stopped by force/,
    log: /stopped by force/i,
  },
  { name: "a 10⁹-element list", code: "x = [0] * 10**9\n", status: /^Exception: MemoryError/ },
  { name: "memory grown a megabyte at a time until it runs out", code: 'x = []\nwhile True:\n    x.append(" " * 10**6)\n', status: /^Exception: MemoryError/, timeoutMs: 120_000 },
  {
    name: "recursion 10⁶ deep",
    code: "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
    status: /^Exception: RecursionError/,
    log: /limit is 4000 here/,
  },
  {
    name: "1,000 threads",
    code: 'import threading, time\nts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(1000)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(len(ts), "threads done")\n',
    status: /^Finished/,
    log: /1000 threads done/,
    // The timeline draws the first 20 lanes; drawing all 1,001 held the page for over a second.
    button: "Show all 1,001 threads", // the main thread and the 1,000 it started
    timeoutMs: 120_000,
  },
  {
    name: "100 processes",
    code: 'import multiprocessing as mp\n\n\ndef wait(ev):\n    ev.wait()\n\n\nif __name__ == "__main__":\n    ev = mp.Event()\n    started = []\n    try:\n        for i in range(100):\n            p = mp.Process(target=wait, args=(ev,))\n            p.start()\n            started.append(p)\n    finally:\n        print("started", len(started), flush=True)\n        ev.set()\n        for p in started:\n            p.join()\n',
    status: /^Exception: BlockingIOError/,
    log: /started 16[\s\S]*Too many processes: at most 16 may run at once/,
    timeoutMs: 180_000,
  },
  { name: "while True: input(), stopped", code: "while True:\n    input()\n", stopAfterMs: 800, status: /^Interrupted \(KeyboardInterrupt\)$/ },
  { name: "os._exit(3)", code: 'import os\nprint("leaving", flush=True)\nos._exit(3)\nprint("never")\n', status: /^Exited with code 3$/, log: /^leaving$/m },
  { name: "a crash of the interpreter (os.abort)", code: 'import os\nprint("about to abort", flush=True)\nos.abort()\n', status: /^Stopped by force/, log: /fresh Python interpreter/ },
  {
    name: "data nested 200,000 deep, freed",
    code: 'x = []\nfor i in range(200_000):\n    x = [x]\ndel x\nprint("freed")\n',
    status: /^Stopped by force|^Finished/,
    log: /fresh Python interpreter|freed/,
  },
];

test("runaway and hostile programs end as they should, the page stays responsive and the next run works", async ({ page }) => {
  await page.goto(LESSON);
  const runner = page.locator(".runner").first();
  await expect(runner.getByRole("status")).toHaveText(/Ready/, { timeout: 120_000 });
  const status = runner.getByRole("status");
  const console_ = runner.getByRole("log");
  await responsive(page); // starts the heartbeat
  for (const c of CASES) {
    await test.step(c.name, async () => {
      await runCode(page, runner, c.code);
      if (c.stopAfterMs !== undefined) {
        await expect(status).toHaveText(/Running|Waiting for input/);
        await page.waitForTimeout(c.stopAfterMs);
        await responsive(page);
        await runner.getByRole("button", { name: "Stop" }).click();
      } else {
        await responsive(page);
      }
      await expect(status, c.name).toHaveText(c.status, { timeout: c.timeoutMs ?? 60_000 });
      if (c.log) await expect(console_, c.name).toContainText(c.log);
      if (c.button) await expect(runner.getByRole("button", { name: c.button }), c.name).toBeVisible();
      await responsive(page);
      // The next run works in the same editor.
      await runCode(page, runner, 'print("next run works")\n');
      await expect(console_, `after ${c.name}`).toHaveText("next run works", { timeout: 60_000 });
      await expect(status).toHaveText(/^Finished/);
    });
  }
});
