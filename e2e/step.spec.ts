import { expect, test, type Locator, type Page } from "@playwright/test";
import { typeCode } from "./helpers";

// Step mode (issues 12 and 16): the learner is the scheduler, where the interpreter model lets threads switch.
// Lesson 3.1 has a two-thread counter with a print between read and write, and `counter += 1` to step by bytecode.
const LESSON = "/learn/shared-state/race-conditions";
const HUNTING = "/learn/choosing-a-model/hunting-races";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.describe.configure({ timeout: 300_000 });

const headline = (runner: Locator) => runner.locator(".step-headline");
const panel = (runner: Locator) => runner.locator(".step-panel");
const card = (runner: Locator, label: number) => runner.locator(`li.step-thread[data-thread="${label}"]`);
const threadLine = (runner: Locator, label: number) => card(runner, label).locator(".step-thread-line");
/** What the program has printed so far (the console shows no log before the first output). */
const printed = async (runner: Locator) => ((await runner.getByRole("log").count()) ? ((await runner.getByRole("log").textContent()) ?? "") : "");
const stepNumber = async (runner: Locator) => Number(await panel(runner).getAttribute("data-step"));
const runButton = (runner: Locator, name: string) => runner.getByRole("button", { name: new RegExp(`^Run ${name.replace(/[()]/g, "\\$&")}`) });

/** Clicks a control (or presses a key) and waits for the next pause, or the end: the step number or headline changes. */
async function act(runner: Locator, control: Locator | (() => Promise<void>)) {
  const before = `${await panel(runner).getAttribute("data-step")}|${await headline(runner).textContent()}`;
  if (typeof control === "function") await control();
  else await control.click();
  await expect
    .poll(async () => `${await panel(runner).getAttribute("data-step")}|${await headline(runner).textContent()}`)
    .not.toBe(before);
  await expect(headline(runner)).not.toHaveText(/^Running…/);
}

/** Step until `done` holds, choosing with `choose` (a button of the panel) at each pause. */
async function stepUntil(runner: Locator, done: () => Promise<boolean>, choose: () => Promise<Locator>, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await act(runner, await choose());
  }
  throw new Error("stepped too long");
}

/** Everyone but Thread-1 runs (Thread-2 first, else the main thread, else the next choice) until Thread-2 has started
 *  and finished. */
async function stepUntilThread2Ends(runner: Locator, limit?: number) {
  let seen2 = false;
  await stepUntil(
    runner,
    async () => {
      const alive = (await card(runner, 2).count()) > 0;
      seen2 ||= alive;
      return seen2 && !alive;
    },
    async () => ((await runButton(runner, "Thread-2").count()) ? runButton(runner, "Thread-2") : (await runButton(runner, "MainThread").count()) ? runButton(runner, "MainThread") : runner.getByRole("button", { name: "Next choice" })),
    limit,
  );
}

async function openRunner(page: Page, title: string) {
  const runner = page.getByRole("region", { name: `Code example: ${title}` });
  await runner.scrollIntoViewIfNeeded();
  await expect(runner.getByRole("status").first()).toHaveText(/Ready/, { timeout: 120_000 });
  return runner;
}

test("step a two-thread counter into a lost update at a switch point; the shared link replays it", async ({ page, context }) => {
  await page.goto(LESSON);
  const runner = await openRunner(page, "Two threads, you schedule them");
  await runner.getByRole("button", { name: "Step", exact: true }).click();
  await expect(headline(runner)).toHaveText(/^MainThread is about to start a line; no other thread can run now\./, { timeout: 60_000 });
  await expect(runner.locator(".runner-status-text")).toHaveText(/Paused/);
  await expect(runner.locator(".step-why")).toContainText("CPython 3.14 (GIL)");

  // Thread 1 runs until it has printed what it read: it stands at the switch point after print returns.
  await stepUntil(
    runner,
    async () => (await printed(runner)).includes("first read 0") && /Thread-1 \(add_two\) is at a switch point \(a built-in call returning\)/.test((await headline(runner).textContent())!),
    async () => ((await runButton(runner, "Thread-1").count()) ? runButton(runner, "Thread-1") : runner.getByRole("button", { name: "Next choice" })),
  );
  await expect(card(runner, 1)).toContainText(/value\s*= 0/);
  // It stands on the print's line: the call has returned, the write of its stale value is next.
  await expect(threadLine(runner, 1)).toContainText('print(name, "read", value)');
  // The GIL timeline grows as the learner steps.
  await expect(runner.locator(".thread-timeline")).toContainText(/2 threads .* schedule/);
  // The panel and the timeline tell one story (issue 21, item 3): the schedule so far is shown (never "no switches
  // yet" beside a timeline counting switches), counts agree in number, and the axis labels are not cut off.
  await expect(runner.locator(".step-schedule code")).toHaveText(/^gil:/);
  await expect(runner.locator(".step-schedule")).not.toContainText("no switches yet");
  if ((await runner.locator(".step-schedule code").textContent()) === "gil:") await expect(runner.locator(".step-schedule")).toContainText("every decision so far was the default one");
  await expect(runner).not.toContainText(/\b1 (threads|switches|decisions|preemptions)\b/);
  const axisCut = await runner.locator(".thread-timeline svg").first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll(".thread-timeline-axis text")]
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
      .map(({ text }) => text);
  });
  expect(axisCut).toEqual([]);
  // The editor marks each thread's line in its colour.
  await expect(runner.locator(".editor-thread-line.editor-thread-1")).toHaveCount(1);
  await expect(runner.locator(".editor-thread-line.editor-thread-0")).toHaveCount(1);

  // Everyone but thread 1 runs until thread 2 has finished: the main thread starts it, it adds 2.
  await stepUntilThread2Ends(runner);
  await expect(runner.locator(".step-globals")).toContainText(/counter\s*= 2/);
  await expect(card(runner, 1)).toContainText(/value\s*= 0/);

  // Undo goes back one pause (a replay from the start), the keyboard goes forward again.
  const at = await stepNumber(runner);
  await act(runner, runner.getByRole("button", { name: "Undo" }));
  expect(await stepNumber(runner)).toBeLessThan(at);
  await panel(runner).focus();
  await act(runner, () => page.keyboard.press("n"));
  expect(await stepNumber(runner)).toBeGreaterThanOrEqual(at);
  const here = await stepNumber(runner);

  // Share: a link that replays to this very step.
  await runner.getByRole("button", { name: "Share" }).click();
  const link = await runner.getByRole("textbox", { name: "Link to this step" }).inputValue();
  expect(link).toContain("#step=");
  const schedule = (await runner.locator(".step-schedule code").textContent())!;
  expect(schedule).toMatch(/^gil:/);

  // Thread 1 writes its stale value: the update of thread 2 is lost.
  await runner.getByRole("button", { name: "Run to end" }).click();
  await expect(runner.getByRole("log")).toContainText("counter = 2 (4 if no update was lost)");
  await expect(headline(runner)).toHaveText(/^Finished/);
  // The cards still show the last pause: the panel says so, and its counts are of that step, not of the whole run.
  await expect(headline(runner)).toContainText(`as they were at step ${here}, the last pause`);
  await expect(runner.locator(".step-schedule")).toContainText(`At step ${here}, the schedule was`);
  await expect(runner.locator(".step-schedule")).toContainText(/decisions? by then/);
  await expect(runner.locator(".thread-timeline")).toContainText(/virtual time in ticks/);

  const other = await context.newPage();
  await other.goto(link);
  const shared = other.getByRole("region", { name: "Code example: Two threads, you schedule them" });
  await expect(shared.locator(".step-panel")).toHaveAttribute("data-step", String(here), { timeout: 120_000 });
  await expect(shared.locator(".step-schedule code")).toHaveText(schedule);
  await shared.getByRole("button", { name: "Run to end" }).click();
  await expect(shared.getByRole("log")).toContainText("counter = 2 (4 if no update was lost)");
});

test("counter += 1 by bytecode: the GIL model refuses to split it, the free-threaded model loses an update", async ({ page }) => {
  await page.goto(LESSON);
  const runner = await openRunner(page, "counter += 1, by bytecode");
  const nextOp = (label: number) => card(runner, label).locator(".step-bytecode tr[data-next] code");
  const atAdd = async () => (await card(runner, 1).count()) > 0 && (await nextOp(1).count()) > 0 && /^BINARY_OP/.test((await nextOp(1).textContent())!) && /Thread-1/.test((await headline(runner).textContent())!);
  const toThread1 = async () => ((await runButton(runner, "Thread-1").count()) ? runButton(runner, "Thread-1") : runner.getByRole("button", { name: "Next choice" }));

  // Under CPython 3.14 with the GIL.
  await expect(runner.getByLabel("Interpreter")).toHaveValue("gil");
  await runner.getByRole("button", { name: "Step", exact: true }).click();
  await expect(headline(runner)).toBeVisible({ timeout: 60_000 });
  await runner.getByRole("button", { name: "Bytecode", exact: true }).click();
  await expect(runner.getByRole("button", { name: "Bytecode", exact: true })).toHaveAttribute("aria-pressed", "true");
  await stepUntil(runner, atAdd, toThread1);
  // Not a switch point: the other threads cannot take over, and the bytecode table says why for each instruction.
  await expect(runner.locator(".step-why")).toContainText("not a switch point");
  await expect(card(runner, 0)).toContainText("Cannot take over here: not a switch point");
  await expect(card(runner, 1).locator(".step-bytecode tr", { hasText: "BINARY_OP" })).toContainText(/no\s+not a switch point/);
  await expect(card(runner, 1).locator(".step-bytecode tr", { hasText: "JUMP_BACKWARD" })).toContainText(/yes\s+switch point: the loop going round/);
  // Asking for the main thread anyway (its number key): thread 1 goes on to its STORE.
  await panel(runner).focus();
  await act(runner, () => page.keyboard.press("0"));
  await expect(nextOp(1)).toHaveText(/^STORE_GLOBAL/);
  await runner.getByRole("button", { name: "Run to end" }).click();
  await expect(runner.getByRole("log")).toContainText("counter = 4 (4 if no update was lost)");
  await runner.getByRole("button", { name: "Close" }).click();

  // Free-threaded 3.14t: every bytecode is a switch point.
  await runner.getByLabel("Interpreter").selectOption("free-threaded");
  await runner.getByRole("button", { name: "Step", exact: true }).click();
  await expect(runner.locator(".step-why")).toContainText("Free-threaded 3.14t", { timeout: 60_000 });
  await runner.getByRole("button", { name: "Bytecode", exact: true }).click();
  await stepUntil(runner, atAdd, toThread1);
  await expect(runner.locator(".step-why")).toContainText("another thread may run between any two bytecodes");
  // Hand over between the load and the store; everyone else runs until thread 2 has finished.
  await stepUntilThread2Ends(runner, 400);
  expect((await runner.locator(".step-schedule code").textContent())!).toMatch(/^ft:/);
  await runner.getByRole("button", { name: "Run to end" }).click();
  await expect(runner.getByRole("log")).toContainText(/counter = [123] \(4 if no update was lost\)/);
});

test("a make-it-safe exercise fails the unlocked code under the free-threaded model with a schedule that steps through, and passes with a lock", async ({ page }) => {
  await page.goto(HUNTING);
  const exercise = page.locator(".exercise").first();
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.getByRole("status").first()).toHaveText("Not yet: a check failed.", { timeout: 120_000 });
  await expect(exercise.locator(".exercise-verdict")).toContainText("under the free-threaded model");
  await expect(exercise.locator(".exercise-verdict")).toContainText("safe under the GIL model only because");
  await expect(exercise.locator(".exercise-verdict")).toContainText(/The schedule that breaks it: ft:[0-9x,]+/);

  await exercise.getByRole("button", { name: "Step through this schedule" }).click();
  const replay = page.locator(".runner", { hasText: "The failing schedule, step by step" });
  await expect(replay.locator(".step-why")).toContainText("Free-threaded 3.14t", { timeout: 60_000 });
  // "Next choice" follows the schedule from decision to decision, to the failure.
  for (let i = 0; i < 120 && (await replay.getByRole("button", { name: "Next choice" }).getAttribute("aria-disabled")) !== "true"; i++) {
    await act(replay, replay.getByRole("button", { name: "Next choice" }));
    if (/^Finished|^Exception|^Exited/.test((await headline(replay).textContent()) ?? "")) break;
  }
  await expect(replay.getByRole("log")).toContainText("The check failed: two deposits of 10 left a balance of 10");

  // With a lock, every schedule passes, under both models.
  const solution = [
    "import threading",
    "",
    "",
    "class Account:",
    "    def __init__(self):",
    "        self.balance = 0",
    "        self.lock = threading.Lock()",
    "",
    "    def deposit(self, amount):",
    "        with self.lock:",
    "            balance = self.balance",
    "            self.balance = balance + amount",
    "",
  ].join("\n");
  await typeCode(page, exercise.locator(".exercise-runner"), solution);
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.getByRole("status").first()).toHaveText("All checks passed. Well done!", { timeout: 120_000 });
});
