import { expect, test, type Locator } from "@playwright/test";
import { typeCode } from "./helpers";

// Step mode (issue 12): the learner is the scheduler. Lesson 3.1 has a two-thread counter to step through.
const LESSON = "/learn/shared-state/race-conditions";
const HUNTING = "/learn/choosing-a-model/hunting-races";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.describe.configure({ timeout: 240_000 });

const headline = (runner: Locator) => runner.locator(".step-headline");
const threadLine = (runner: Locator, label: number) => runner.locator(`li.step-thread[data-thread="${label}"] .step-thread-line`);

/** Clicks a control and waits for the next pause (or the end): the headline changes and is not "running…". */
async function act(runner: Locator, control: Locator) {
  const before = await headline(runner).textContent();
  await control.click();
  await expect(headline(runner)).not.toHaveText(before ?? "");
  await expect(headline(runner)).not.toHaveText(/running…/);
}

/** Step until `done` holds, choosing with `choose` (a button of the panel) at each pause. */
async function stepUntil(runner: Locator, done: () => Promise<boolean>, choose: () => Promise<Locator>, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await act(runner, await choose());
  }
  throw new Error("stepped too long");
}

test("step a two-thread counter into a lost update by hand; the shared link replays it", async ({ page, context }) => {
  await page.goto(LESSON);
  const runner = page.getByRole("region", { name: "Code example: Two threads, you schedule them" });
  await runner.scrollIntoViewIfNeeded();
  await expect(runner.getByRole("status").first()).toHaveText(/Ready/, { timeout: 120_000 });
  await runner.getByRole("button", { name: "Step", exact: true }).click();
  await expect(headline(runner)).toHaveText(/^Step 0: only MainThread can run\./, { timeout: 60_000 });
  await expect(runner.locator(".runner-status-text")).toHaveText(/Paused before step 0/);

  // Thread 1 runs until it has read the counter and stands on the write.
  const runButton = (name: string) => runner.getByRole("button", { name: new RegExp(`^Run ${name}`) });
  await stepUntil(
    runner,
    async () => (await threadLine(runner, 1).count()) > 0 && (await threadLine(runner, 1).textContent())!.includes("counter = value + 1"),
    async () => ((await runner.getByRole("button", { name: /^Run Thread-1/ }).count()) ? runner.getByRole("button", { name: /^Run Thread-1/ }) : runner.getByRole("button", { name: "Next choice" })),
  );
  await expect(runner.locator("li.step-thread[data-thread='1']")).toContainText(/value\s*= 0/);
  // The GIL timeline grows as the learner steps.
  await expect(runner.locator(".thread-timeline")).toContainText(/2 threads .* schedule/);
  // The editor marks each thread's line in its colour.
  await expect(runner.locator(".editor-thread-line.editor-thread-1")).toHaveCount(1);
  await expect(runner.locator(".editor-thread-line.editor-thread-0")).toHaveCount(1);

  // Everyone but thread 1 runs until thread 2 has finished: the main thread starts it, it adds 2.
  let seen2 = false;
  await stepUntil(
    runner,
    async () => {
      const alive = (await runner.locator("li.step-thread[data-thread='2']").count()) > 0;
      seen2 ||= alive;
      return seen2 && !alive;
    },
    async () => ((await runButton("Thread-2").count()) ? runButton("Thread-2") : (await runButton("MainThread").count()) ? runButton("MainThread") : runner.getByRole("button", { name: "Next choice" })),
  );
  await expect(runner.locator(".step-globals")).toContainText(/counter\s*= 2/);
  await expect(runner.locator("li.step-thread[data-thread='1']")).toContainText(/value\s*= 0/);

  // Undo goes back one step (a replay from the start), the keyboard goes forward again.
  const at = Number(/^Step (\d+)/.exec((await headline(runner).textContent())!)![1]);
  await act(runner, runner.getByRole("button", { name: "Undo" }));
  await expect(headline(runner)).toHaveText(new RegExp(`^Step ${at - 1}:`));
  await runner.locator(".step-panel").focus();
  await page.keyboard.press("n");
  await expect(headline(runner)).toHaveText(new RegExp(`^Step ${at}:`));

  // Share: a link that replays to this very step.
  await runner.getByRole("button", { name: "Share" }).click();
  const link = await runner.getByRole("textbox", { name: "Link to this step" }).inputValue();
  expect(link).toContain("#step=");
  const schedule = (await runner.locator(".step-schedule code").textContent())!;

  // Thread 1 writes its stale value: the update of thread 2 is lost.
  await runner.getByRole("button", { name: "Run to end" }).click();
  await expect(runner.getByRole("log")).toContainText("counter = 2 (4 if no update was lost)");
  await expect(headline(runner)).toHaveText(/^Finished/);

  const other = await context.newPage();
  await other.goto(link);
  const shared = other.getByRole("region", { name: "Code example: Two threads, you schedule them" });
  await expect(headline(shared)).toHaveText(new RegExp(`^Step ${at}:`), { timeout: 120_000 });
  await expect(shared.locator(".step-schedule code")).toHaveText(schedule);
  await expect(shared.locator(".step-globals")).toContainText(/counter\s*= 2/);
  await shared.getByRole("button", { name: "Run to end" }).click();
  await expect(shared.getByRole("log")).toContainText("counter = 2 (4 if no update was lost)");
});

test("a make-it-safe exercise fails the unlocked code with a schedule that steps through, and passes with a lock", async ({ page }) => {
  await page.goto(HUNTING);
  const exercise = page.locator(".exercise").first();
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole("button", { name: "Check" }).click();
  await expect(exercise.getByRole("status").first()).toHaveText("Not yet: a check failed.", { timeout: 120_000 });
  await expect(exercise.locator(".exercise-verdict")).toContainText(/The schedule that breaks it: [0-9x,]+/);

  await exercise.getByRole("button", { name: "Step through this schedule" }).click();
  const replay = page.locator(".runner", { hasText: "The failing schedule, step by step" });
  await expect(headline(replay)).toHaveText(/^Step 0:/, { timeout: 60_000 });
  // "Next choice" follows the schedule from decision to decision, to the failure.
  for (let i = 0; i < 80 && (await replay.getByRole("button", { name: "Next choice" }).getAttribute("aria-disabled")) !== "true"; i++) {
    await act(replay, replay.getByRole("button", { name: "Next choice" }));
    if (/^Finished|^Exception|^Exited/.test((await headline(replay).textContent()) ?? "")) break;
  }
  await expect(replay.getByRole("log")).toContainText("The check failed: two deposits of 10 left a balance of 10");

  // With a lock, every schedule passes.
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
