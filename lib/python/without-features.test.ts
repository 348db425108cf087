/**
 * The runtime in a browser without WebAssembly stack switching (JSPI) and without SharedArrayBuffer, as WebKitGTK
 * 2.50 is (Safari before 27 lacks JSPI): simulated in headless Chromium (RuntimeOptions.without), so this path is
 * tested on every `npm test`; e2e/browsers/ runs the real engines. Plain Python and asyncio run for real; a program
 * that needs threads or processes stops at the first one with status "unsupported" instead of running with other
 * semantics than CPython's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRequest, readVerdict } from "@/lib/content/exercise-check";
import { getCheckSupport } from "@/lib/content/exercise-support";
import { PythonHarness } from "./harness/node";

let harness: PythonHarness;
beforeAll(async () => {
  harness = await PythonHarness.start({ without: { stackSwitching: true, sharedMemory: true } });
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

describe("a browser without stack switching or shared memory", () => {
  it("says so when the worker is ready", () => {
    expect(harness.ready).toMatchObject({ phase: "ready", jspi: false, isolated: false });
  });

  it("starts from the memory snapshot made without stack switching (the one made with it does not restore here)", () => {
    expect(harness.ready.snapshot).toBe(true);
  });

  it("runs plain Python for real", async () => {
    const run = await harness.run({ code: 'def gen():\n    yield 1\n    yield 2\nprint(sum(gen()), [x * x for x in range(4)])\n' });
    expect(run.result.status).toBe("ok");
    expect(run.stdout).toBe("3 [0, 1, 4, 9]\n");
  });

  it("stops a program at its first thread, keeping what it printed before, and names what it needs", async () => {
    const code = [
      "import threading",
      'print("before", threading.current_thread().name)',
      "t = threading.Thread(target=print, args=('in the thread',))",
      "try:",
      "    t.start()",
      "except Exception:",
      '    print("an except Exception clause cannot hide it")',
      'print("after")',
    ].join("\n");
    const run = await harness.run({ code });
    expect(run.result).toMatchObject({ status: "unsupported", needs: "threads", exitCode: 1 });
    expect(run.result.reason).toMatch(/cannot run threads yet.*stack switching \(JSPI\)/);
    expect(run.stdout).toBe("before MainThread\n");
    expect(run.stderr).toBe(""); // no traceback: not the program's fault
  });

  it("stops a program at signal.alarm with a time, after what it printed (SIGALRM needs a thread to wait beside)", async () => {
    const code = "import signal\nprint('nothing set:', signal.alarm(0))\nsignal.alarm(1)\nprint('not reached')\n";
    const run = await harness.run({ code });
    expect(run.result).toMatchObject({ status: "unsupported", needs: "threads", exitCode: 1 });
    expect(run.result.reason).toMatch(/cannot run signal timers yet.*stack switching \(JSPI\)/);
    expect(run.stdout).toBe("nothing set: 0\n");
  });

  it("stops at a thread pool's first worker too (asyncio.to_thread)", async () => {
    const run = await harness.run({ code: "import asyncio, time\nasync def main():\n    await asyncio.to_thread(time.sleep, 0.01)\nasyncio.run(main())\n" });
    expect(run.result).toMatchObject({ status: "unsupported", needs: "threads" });
  });

  it("runs asyncio for real on CPython's event loop, with its picture", async () => {
    const code = [
      "import asyncio",
      "async def brew(name, s):",
      "    await asyncio.sleep(s)",
      "    print(name)",
      "    return name",
      "async def main():",
      '    print(await asyncio.gather(brew("tea", 0.06), brew("coffee", 0.02)))',
      "asyncio.run(main())",
    ].join("\n");
    const run = await harness.run({ code });
    expect(run.result.status).toBe("ok");
    expect(run.stdout).toBe("coffee\ntea\n['tea', 'coffee']\n");
    expect(run.events.some((e) => e.kind === "trace" && e.name === "asyncio")).toBe(true);
  });

  it("stops a program at its first process, saying what the browser lacks", async () => {
    const code = 'import multiprocessing as mp\nprint("cpus", mp.cpu_count() > 0)\nif __name__ == "__main__":\n    p = mp.Process(target=print, args=("child",))\n    p.start()\n    p.join()\n';
    const run = await harness.run({ code });
    expect(run.result).toMatchObject({ status: "unsupported", needs: "processes" });
    expect(run.result.reason).toMatch(/cannot run processes yet.*SharedArrayBuffer/);
    expect(run.stdout).toBe("cpus True\n");
  });

  it("reads end of file at input() and says why", async () => {
    const run = await harness.run({ code: 'try:\n    input("name? ")\nexcept EOFError:\n    print("EOF")\n' });
    expect(run.stdout).toBe("name? EOF\n");
    expect(run.events.some((e) => e.kind === "notice" && /cannot wait for typing in this browser/.test(e.text))).toBe(true);
  });

  it("Stop restarts the interpreter (there is no interrupt buffer) and the next run works", async () => {
    const running = harness.run({ code: 'print("looping", flush=True)\nwhile True:\n    pass\n' }, (event, h) => {
      if (event.kind === "stdout") void h.stop();
    });
    const { result } = await running;
    expect(result.status).toBe("killed");
    expect(result.reason).toMatch(/cannot interrupt Python in place/);
    const next = await harness.run({ code: "print(6 * 7)\n" });
    expect(next.stdout).toBe("42\n");
  });

  it("an exercise check that needs threads says the browser cannot run it, not that the code failed", async () => {
    const learner = "import threading\ndef total():\n    t = threading.Thread(target=print)\n    t.start()\n    t.join()\n    return 1\n";
    const check = "from checking import load\nlearner = load()\nassert learner.total() == 1\n";
    const { stdout, result } = await harness.run(checkRequest(learner, check, getCheckSupport()));
    expect(result).toMatchObject({ status: "unsupported", needs: "threads" });
    const { verdict } = readVerdict(stdout, result);
    expect(verdict.verdict).toBe("error");
    expect(verdict.message).toMatch(/^This browser cannot run threads yet.*The check says nothing about your code here/);
  });
});
