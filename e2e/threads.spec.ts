import { expect, test } from "@playwright/test";
import { firstRunner, runCode, typeCode } from "./helpers";

const LESSON_1 = "/learn/concurrency-and-parallelism/doing-several-things";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.describe.configure({ timeout: 180_000 });

const TWO_THREADS = `import threading, time

def worker(name):
    for step in range(3):
        print(name, "step", step)
        time.sleep(0.02)

a = threading.Thread(target=worker, args=("A",))
b = threading.Thread(target=worker, args=("B",))
a.start(); b.start()
a.join(); b.join()
print("both done")
`;

// Each thread holds its first lock before either asks for its second (a barrier, not a sleep: no timing decides).
const DEADLOCK = `import threading
left, right = threading.Lock(), threading.Lock()
both_hold_one = threading.Barrier(2)
def one():
    with left:
        both_hold_one.wait()
        with right:
            pass
def two():
    with right:
        both_hold_one.wait()
        with left:
            pass
t1 = threading.Thread(target=one); t2 = threading.Thread(target=two)
t1.start(); t2.start(); t1.join(); t2.join()
`;

test("two threads interleave their output and the run draws a GIL timeline with a lane per thread", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runCode(page, runner, TWO_THREADS);
  await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/, { timeout: 60_000 });
  const log = runner.getByRole("log");
  await expect(log).toContainText("both done");
  // Interleaved: B's first step comes before A's last one (both sleep between steps, releasing the GIL).
  const text = await log.innerText();
  expect(text.indexOf("B step 0")).toBeGreaterThan(-1);
  expect(text.indexOf("B step 0")).toBeLessThan(text.indexOf("A step 2"));

  const timeline = runner.locator(".thread-timeline");
  await expect(timeline).toBeVisible();
  await expect(timeline.getByText("GIL timeline")).toBeVisible();
  const lanes = timeline.locator(".thread-timeline-lane");
  await expect(lanes).toHaveCount(3); // MainThread, Thread-1 (worker), Thread-2 (worker)
  await expect(lanes.nth(1)).toHaveAttribute("aria-label", /^Thread-1 \(worker\): running \d+% of the time/);
  // Keyboard: focus a lane, step through its events.
  await lanes.nth(1).focus();
  await page.keyboard.press("ArrowRight");
  await expect(timeline.locator(".thread-timeline-caption")).toContainText(/Thread-1 \(worker\) (holds the GIL|waits for the GIL|sleeping|blocked) from/);
  await timeline.getByRole("button", { name: "Zoom in" }).click();
  await expect(timeline.getByText("2×")).toBeVisible();
  await page.screenshot({ path: "test-results/thread-timeline.png", fullPage: false });
});

test("a deadlock is reported instead of hanging, and the editor works afterwards", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await runCode(page, runner, DEADLOCK);
  await expect(runner.getByRole("log")).toContainText("Deadlock", { timeout: 60_000 });
  await expect(runner.getByRole("log")).toContainText("Cycle: Thread-1 (one) -> Thread-2 (two) -> Thread-1 (one)");
  await expect(runner.getByRole("status")).not.toHaveText(/Running/);
  await runCode(page, runner, 'print("still here")\n');
  await expect(runner.getByRole("log")).toHaveText("still here");
});

const RACE = `import threading
order = []
def work(name):
    for i in range(300):
        order.append(name)
threads = [threading.Thread(target=work, args=(n,)) for n in "AB"]
for t in threads: t.start()
for t in threads: t.join()
runs, last = [], None
for x in order:
    if x != last:
        runs.append([x, 0]); last = x
    runs[-1][1] += 1
print(" ".join(f"{x}{n}" for x, n in runs))
`;

test("a deterministic seed gives the same interleaving every run", async ({ page }) => {
  const runner = await firstRunner(page, LESSON_1);
  await typeCode(page, runner, RACE);
  await runner.getByRole("checkbox", { name: "Same schedule every run" }).check();
  await runner.getByRole("spinbutton", { name: "seed" }).fill("42");
  const log = runner.getByRole("log");
  const outputs: string[] = [];
  for (let i = 0; i < 2; i++) {
    await runner.getByRole("button", { name: "Run" }).click();
    await expect(runner.getByRole("status")).toHaveText(/Finished in \d+ ms/, { timeout: 60_000 });
    outputs.push(await log.innerText());
  }
  expect(outputs[0]).toMatch(/^A\d+ B\d+ A\d+/); // switched more than once
  expect(outputs[1]).toBe(outputs[0]);
  await expect(runner.locator(".thread-timeline")).toContainText("deterministic, seed 42");
});

test("a lesson shows a recorded GIL timeline, readable by keyboard", async ({ page }) => {
  await page.goto("/learn/processes-and-threads/threads-and-waiting");
  const figure = page.locator(".mdx-thread-timeline");
  await expect(figure.getByText("GIL timeline")).toBeVisible();
  await expect(figure.locator(".thread-timeline-lane")).toHaveCount(9); // the main thread and eight sleepers
  await expect(figure).toContainText("The eight naps lie side by side");
  await figure.locator(".thread-timeline-lane").nth(1).focus();
  await page.keyboard.press("ArrowRight");
  await expect(figure.locator(".thread-timeline-caption")).toContainText(/Thread-1 \(nap\)/);
  await figure.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/lesson-timeline.png" });
});
