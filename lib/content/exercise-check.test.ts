// Exercise checks through the site's runtime (headless Chromium, one warm worker): the verdicts a learner sees.
import { describe, expect, it } from "vitest";
import { sharedHarness } from "@/tests/conformance/shared-harness";
import { checkRequest, readVerdict } from "./exercise-check";
import { getCheckSupport } from "./exercise-support";

const harness = sharedHarness();

async function verdictOf(learner: string, check: string) {
  const { stdout, result } = await harness().run(checkRequest(learner, check, getCheckSupport()));
  return readVerdict(stdout, result).verdict;
}

const CHECK_COUNTER = `
from checking import expect, load
learner = load()
expect(learner.count_up(3) == 3, "count_up(3) should be 3")
`;

describe("exercise verdicts", { timeout: 60_000 }, () => {
  it("passes working code and fails wrong code with the check's message", async () => {
    expect(await verdictOf("def count_up(n):\n    return n\n", CHECK_COUNTER)).toMatchObject({ verdict: "pass" });
    expect(await verdictOf("def count_up(n):\n    return n + 1\n", CHECK_COUNTER)).toMatchObject({ verdict: "fail", message: "count_up(3) should be 3" });
  });

  it("reports the learner's exception with their line", async () => {
    expect(await verdictOf("def count_up(n):\n    return n / 0\n", CHECK_COUNTER)).toMatchObject({ verdict: "error", line: 2, message: expect.stringContaining("ZeroDivisionError") });
  });

  it("says the learner's code deadlocked, with who waits for what, instead of an exit code", async () => {
    const learner = [
      "import threading",
      "a, b = threading.Lock(), threading.Lock()",
      "def one():",
      "    with a:",
      "        with b:",
      "            pass",
      "def transfer_both():",
      "    a.acquire()",
      "    t = threading.Thread(target=one)",
      "    t.start()",
      "    t.join()",
      "",
    ].join("\n");
    const check = "from checking import load\nlearner = load()\nlearner.transfer_both()\n";
    const verdict = await verdictOf(learner, check);
    expect(verdict.verdict).toBe("fail");
    expect(verdict.message).toMatch(/^Your code deadlocked: every thread was waiting for another one\.\n/);
    expect(verdict.message).toMatch(/Thread-1/);
    expect(verdict.message).not.toBe("1");
    // As the console shows it (not the report's dict), the file named as the learner knows it.
    expect(verdict.message).toMatch(/Thread-1 \(one\) waits for b|MainThread waits for Thread-1 \(one\) to finish/);
    expect(verdict.message).toContain('File "learner.py", line 11, in transfer_both\n      t.join()');
    expect(verdict.message).not.toMatch(/'threads':|\/home\/pyodide/);
  });

  it("shows the learner's current lines, not those of an earlier check of other code", async () => {
    const check = "from checking import load\nlearner = load()\nlearner.f()\n";
    await verdictOf("def f():\n    x = 1\n    return x\n", check);
    const verdict = await verdictOf("def f():\n    raise ValueError('new code')\n", check);
    expect(verdict).toMatchObject({ verdict: "error", line: 2 });
    expect(verdict.message).toContain("line 2, in f: raise ValueError('new code')");
  });
});
