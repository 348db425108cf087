/**
 * The in-browser runtime against this machine's python3: the same programs, the same output and exit codes.
 * One headless Chromium and one warm worker serve every program in this file (PythonHarness); the sandbox's own
 * tests are in sandbox.test.ts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PythonHarness, ROOT } from "./harness/node";

let harness: PythonHarness;

beforeAll(async () => {
  harness = await PythonHarness.start();
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-py-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function python3(code: string, stdin = "", filename = "main.py") {
  fs.writeFileSync(path.join(tmp, filename), code);
  const r = spawnSync("python3", [filename], { cwd: tmp, input: stdin, encoding: "utf8" });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? 1 };
}

async function both(code: string, stdin: string[] = []) {
  const ours = await harness.run({ code, filename: "main.py", stdin });
  const theirs = python3(code, stdin.map((l) => `${l}\n`).join(""));
  return { ours: { stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.result.exitCode, result: ours.result, events: ours.events }, theirs };
}

const lastLine = (s: string) => s.trimEnd().split("\n").at(-1);

describe("start-up", () => {
  it("is cross-origin isolated, has stack switching, and starts from the memory snapshot", () => {
    expect(harness.ready).toMatchObject({ phase: "ready", isolated: true, jspi: true, python: expect.stringMatching(/^3\.14\./) });
    // PythonHarness.start builds the runtime with its snapshot when it is missing or stale.
    expect(harness.ready.snapshot).toBe(true);
  });

  it("hands Pyodide the standard library requested when the start began (worker/interpreter.ts answerEarly)", async () => {
    const marks = await harness.page.evaluate(() => performance.getEntriesByType("mark").map((m) => m.name).filter((n) => n.startsWith("python: ")));
    expect(marks).toContain("python: standard library handed over");
    expect(marks).toContain("python: interpreter started");
  });
});

describe("programs behave as with python3", () => {
  it("prints output and exits 0", async () => {
    const { ours, theirs } = await both('import sys\nprint("hello", 6 * 7)\nprint("to stderr", file=sys.stderr)\nfor i in range(3):\n    print(i, end=" ")\nprint()\nprint("no newline at the end", end="")\n');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.exitCode).toBe(0);
    expect(ours.result.status).toBe("ok");
  });

  it("reads input() from the preset lines", async () => {
    const code = 'name = input("Name? ")\nage = int(input())\nprint(f"{name} is {age}")\n';
    const { ours, theirs } = await both(code, ["Ada", "36"]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toBe("Name? Ada is 36\n");
  });

  it("asks the page for input only when the program reads, with the prompt it printed", async () => {
    const asked: string[] = [];
    const r = await harness.run({ code: 'print("start")\nx = input("Your move: ")\ny = input()\nprint("got", x, y)\n' }, (event, h) => {
      if (event.kind === "input-request") {
        asked.push(event.prompt);
        void h.sendInput(asked.length === 1 ? "e4" : "e5");
      }
    });
    expect(asked).toEqual(["Your move: ", ""]);
    expect(r.stdout).toBe("start\nYour move: got e4 e5\n");
  });

  it("raises EOFError when input runs out", async () => {
    const { ours, theirs } = await both("input()\n");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(lastLine(ours.stderr)).toBe("EOFError: EOF when reading a line");
    expect(ours.exitCode).toBe(theirs.exitCode);
  });

  it("prints a traceback of the learner's code only and exits 1 on an uncaught exception", async () => {
    const code = 'def divide(a, b):\n    return a / b\n\nprint("before")\ndivide(1, 0)\n';
    const { ours, theirs } = await both(code);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.exitCode).toBe(1);
    expect(theirs.exitCode).toBe(1);
    expect(lastLine(ours.stderr)).toBe("ZeroDivisionError: division by zero");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.stderr).toMatch(/^Traceback \(most recent call last\):\n {2}File "main.py", line 5, in <module>\n {4}divide\(1, 0\)\n/);
    expect(ours.stderr).toContain('File "main.py", line 2, in divide');
    expect(ours.stderr).not.toMatch(/interleave|runner\.py|pyodide|_pyodide/);
    expect(ours.result).toMatchObject({ status: "exception", error: { type: "ZeroDivisionError", message: "division by zero", line: 2, filename: "main.py" } });
  });

  it("keeps chained exceptions and a helper module's frames, as CPython does", async () => {
    const code = 'import helper\ntry:\n    helper.parse("x")\nexcept ValueError as e:\n    raise RuntimeError("config broken") from e\n';
    const helper = 'def parse(s):\n    return int(s)\n';
    fs.writeFileSync(path.join(tmp, "helper.py"), helper);
    const theirs = python3(code);
    const ours = await harness.run({ code, files: { "helper.py": helper } });
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.stderr).toContain("The above exception was the direct cause of the following exception:");
    expect(ours.stderr).toContain('File "/home/pyodide/helper.py", line 2, in parse');
    expect(ours.stderr).not.toMatch(/interleave-runtime|_pyodide/);
    expect(ours.result.error?.line).toBe(5);
  });

  it("reports syntax errors like CPython, with the line", async () => {
    const { ours, theirs } = await both("x = 1\nprint('unclosed'\n");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.stderr).toMatch(/^ {2}File "main.py", line 2\n/);
    expect(ours.exitCode).toBe(1);
    expect(ours.result.error).toMatchObject({ type: "SyntaxError", line: 2 });
  });

  it("uses sys.exit's code and message", async () => {
    const three = await both('print("bye")\nimport sys\nsys.exit(3)\n');
    expect(three.ours.exitCode).toBe(3);
    expect(three.theirs.exitCode).toBe(3);
    expect(three.ours.result.status).toBe("exit");
    expect(three.ours.stdout).toBe("bye\n");
    const zero = await both("import sys\nsys.exit(0)\n");
    expect(zero.ours.result.status).toBe("ok");
    const message = await both('raise SystemExit("fatal: no config")\n');
    expect(message.ours.stderr).toBe(message.theirs.stderr);
    expect(message.ours.exitCode).toBe(message.theirs.exitCode);
  });

  it("ends the program with os._exit's code and keeps the interpreter for the next run", async () => {
    const { ours, theirs } = await both('import os\nprint("a", flush=True)\nos._exit(4)\nprint("never")\n');
    expect(ours.exitCode).toBe(4);
    expect(theirs.exitCode).toBe(4);
    expect(ours.stdout).toBe(theirs.stdout);
    expect((await harness.run({ code: "print(1)" })).stdout).toBe("1\n");
  });

  it("ends the program as SIGALRM's default action does: no clean-up, 'Alarm clock' and status 142, as a shell shows", async () => {
    // python3 is killed by the signal (no exit status of its own); a shell prints "Alarm clock" and $? is 142.
    const code = 'import atexit, signal, time\natexit.register(print, "atexit ran")\nprint("a", flush=True)\nsignal.alarm(1)\ntime.sleep(5)\nprint("never")\n';
    const ours = await harness.run({ code, filename: "main.py" });
    const theirs = spawnSync("python3", ["-c", code], { encoding: "utf8" });
    expect(theirs.signal).toBe("SIGALRM");
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toBe("a\n");
    expect(ours.stderr).toBe("Alarm clock\n");
    expect(ours.result.exitCode).toBe(142);
    expect((await harness.run({ code: "import signal\nprint(signal.getitimer(signal.ITIMER_REAL))" })).stdout).toBe("(0.0, 0.0)\n");
  });

  it("runs atexit handlers at the end, as CPython does", async () => {
    const { ours, theirs } = await both('import atexit\natexit.register(print, "bye from atexit")\nprint("main")\n');
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it("runs asyncio.run(main()) at the top level", async () => {
    const code = 'import asyncio\nasync def tick(name, n):\n    for i in range(n):\n        print(name, i)\n        await asyncio.sleep(0.01)\nasync def main():\n    await asyncio.gather(tick("a", 3), tick("b", 3))\nasyncio.run(main())\n';
    const { ours, theirs } = await both(code);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.result.status).toBe("ok");
  });

  it("raises for asyncio.get_event_loop() with no loop set, as CPython 3.14 does, and hands out a loop that is set or running", async () => {
    // python3 here is 3.11, which still makes a loop: the expected text is 3.14's (Lib/asyncio/events.py).
    const none = await harness.run({ code: "import asyncio\nloop = asyncio.get_event_loop()\n", filename: "old.py" });
    expect(none.result.status).toBe("exception");
    expect(none.stderr).toContain("RuntimeError: There is no current event loop in thread 'MainThread'.");
    const set = await harness.run({
      code: [
        "import asyncio",
        "loop = asyncio.new_event_loop()",
        "asyncio.set_event_loop(loop)",
        "print(asyncio.get_event_loop() is loop)",
        "async def main():",
        "    print(asyncio.get_event_loop() is asyncio.get_running_loop())",
        "loop.run_until_complete(main())",
        "loop.close()",
        "asyncio.set_event_loop(None)",
        "asyncio.run(main())",
        "",
      ].join("\n"),
      filename: "new.py",
    });
    expect(set.result.status).toBe("ok");
    expect(set.stdout).toBe("True\nTrue\nTrue\n");
  });
});

describe("each run starts clean", () => {
  it("leaks no globals, modules, files or interpreter settings", async () => {
    const dirty = await harness.run({
      code: [
        "import sys, os, signal, builtins, helper, warnings",
        "leak = 1",
        "sys.setrecursionlimit(77)",
        "sys.setswitchinterval(0.5)",
        "sys.argv.append('--x')",
        "sys.path.append('/nowhere')",
        "signal.signal(signal.SIGUSR1, lambda *a: None)",
        "sys.settrace(lambda *a: None)",
        "sys.excepthook = lambda *a: None",
        "builtins.print_twice = print",
        "builtins.len = lambda x: 0",
        "os.environ['LEAK'] = '1'",
        "warnings.simplefilter('error')",
        "open('data.txt', 'w').write('x')",
        "os.mkdir('sub')",
        "os.chdir('sub')",
        "sys.modules['json'] = None",
        "sys.stdout = open(os.devnull, 'w')",
      ].join("\n"),
      files: { "helper.py": "VALUE = 1\n" },
    });
    expect(dirty.result.status).toBe("ok");
    const next = await harness.run({
      code: [
        "import sys, os, signal, builtins, json",
        'print("leak" in globals(), sys.getrecursionlimit() == 77, sys.getswitchinterval(), sys.argv, "/nowhere" in sys.path)',
        // (the thread runtime may install its own SIGUSR1 handler and excepthook for a run: only the lambdas must be gone)
        'print("helper" in sys.modules, getattr(signal.getsignal(signal.SIGUSR1), "__name__", "") != "<lambda>", sys.gettrace(), getattr(sys.excepthook, "__name__", "") != "<lambda>")',
        'print(hasattr(builtins, "print_twice"), len("abc"), "LEAK" in os.environ, os.getcwd(), sorted(os.listdir(".")), json.dumps([1]))',
        "import warnings; warnings.warn('only a warning'); print('warned')",
      ].join("\n"),
    });
    expect(next.stdout).toBe(
      "False False 0.005 ['main.py'] False\nFalse True None True\nFalse 3 False /home/pyodide ['main.py'] [1]\nwarned\n",
    );
    expect(next.stderr).toContain("UserWarning: only a warning");
  });

  it("imports a helper module written next to the program, fresh each run", async () => {
    const first = await harness.run({ code: "import helper\nprint(helper.twice(21))\n", files: { "helper.py": "def twice(x):\n    return 2 * x\n" } });
    expect(first.stdout).toBe("42\n");
    const second = await harness.run({ code: "import helper\nprint(helper.twice(21))\n", files: { "helper.py": "def twice(x):\n    return 3 * x\n" } });
    expect(second.stdout).toBe("63\n");
  });

  it("survives cyclic garbage while threads are parked in frames called from C (pyodide#6464), with automatic collection on", async () => {
    // CPython's incremental collector walks the frames of every thread state; those of green threads suspended by
    // stack switching sat on reused stack memory and the interpreter died ("memory access out of bounds"), every
    // time here, until our Pyodide patch (lib/python/pyodide-patch) hid a suspended thread's frames from it.
    const run = await harness.run({
      code: [
        "import gc, threading, time",
        "class Deep:",
        "    def __getattr__(self, name):",
        "        time.sleep(0.001)  # parks this thread inside a frame called from C",
        "        return 1",
        "def worker():",
        "    for _ in range(200):",
        "        getattr(Deep(), 'x')",
        "before = sum(s['collections'] for s in gc.get_stats())",
        "threads = [threading.Thread(target=worker) for _ in range(4)]",
        "for t in threads:",
        "    t.start()",
        "while any(t.is_alive() for t in threads):",
        "    for _ in range(2000):",
        "        a = []",
        "        a.append(a)  # cyclic garbage",
        "    time.sleep(0)",
        "for t in threads:",
        "    t.join()",
        "ran = sum(s['collections'] for s in gc.get_stats()) - before",
        "print('survived; automatic collection on:', gc.isenabled(), '; it ran:', ran > 0)",
      ].join("\n"),
      timeoutMs: 60_000,
    });
    expect(run.result.status, run.stderr).toBe("ok");
    expect(run.stdout).toBe("survived; automatic collection on: True ; it ran: True\n");
    const after = await harness.run({ code: "import gc\nprint(gc.isenabled(), len([o for o in gc.get_objects() if type(o) is list and len(o) == 1 and o[0] is o]))\n" });
    // The previous run's cycles were collected.
    expect(after.stdout).toBe("True 0\n");
  }, 90_000);

  it("runs every program with automatic collection on, as CPython does; a program's gc.disable() ends with it", async () => {
    const off = await harness.run({ code: "import gc\nprint(gc.isenabled())\ngc.disable()\nprint(gc.isenabled(), gc.collect() >= 0)\n" });
    expect(off.stdout).toBe("True\nFalse True\n");
    const next = await harness.run({ code: "import gc\nprint(gc.isenabled())\n" });
    expect(next.stdout).toBe("True\n");
  });

  it("starts with the standard library and the runtime out of the collector's sight (the snapshot's recipe ran to its end)", async () => {
    // interleave.runner.prepare_snapshot ends with gc.freeze(): objects frozen then are never walked by a run's
    // collection. A program's own objects are not frozen, and its cycles are collected (the test above).
    const run = await harness.run({ code: "import gc\nprint(gc.get_freeze_count() > 10_000, gc.is_tracked([]))\nx = []\nprint(any(o is x for o in gc.get_objects()))\n" });
    expect(run.stdout, run.stderr).toBe("True True\nTrue\n");
  });

  it("gives every run a fresh __main__ and its own random numbers", async () => {
    const a = await harness.run({ code: "import random\nprint(__name__, random.random())\n" });
    const b = await harness.run({ code: "import random\nprint(__name__, random.random())\n" });
    expect(a.stdout.split(" ")[0]).toBe("__main__");
    expect(a.stdout).not.toBe(b.stdout);
  });
});

describe("failures of the interpreter itself", () => {
  it("recovers from an interpreter crash with a notice", async () => {
    const r = await harness.run({ code: 'import os\nprint("about to abort", flush=True)\nos.abort()\n' });
    expect(r.result.status).toBe("killed");
    expect(r.events.some((e) => e.kind === "notice" && /fresh Python interpreter/.test(e.text))).toBe(true);
    expect((await harness.run({ code: 'print("alive")' })).stdout).toBe("alive\n");
  }, 60_000);

  it("stops a program at its time limit", async () => {
    const r = await harness.run({ code: "while True:\n    pass\n", timeoutMs: 1500 });
    expect(r.result).toMatchObject({ status: "killed", exitCode: 124 });
    expect(r.result.reason).toMatch(/Time limit/);
    expect((await harness.run({ code: 'print("next")' })).stdout).toBe("next\n");
  }, 60_000);

  it("keeps a flood of output in order and batches it", async () => {
    const r = await harness.run({ code: "for i in range(100_000):\n    print(i)\n" });
    expect(r.stdout).toBe(Array.from({ length: 100_000 }, (_, i) => `${i}\n`).join(""));
    const messages = r.events.filter((e) => e.kind === "stdout").length;
    expect(messages).toBeLessThan(500);
  }, 60_000);

  it("ends recursion a million deep in a RecursionError, with the recursion limit capped and said so", async () => {
    const code = "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)\n";
    const r = await harness.run({ code });
    expect(lastLine(r.stderr)).toBe("RecursionError: maximum recursion depth exceeded");
    expect(r.result.status).toBe("exception");
    expect(r.events.some((e) => e.kind === "notice" && /setrecursionlimit\(1000000\).*limit is 4000/.test(e.text))).toBe(true);
    expect((await harness.run({ code: "import sys\nprint(sys.getrecursionlimit())" })).stdout).toBe("1000\n");
  }, 60_000);

  it("turns a huge allocation into MemoryError, not a crash", async () => {
    const r = await harness.run({ code: "x = [0] * 10**9\n" });
    expect(lastLine(r.stderr)).toBe("MemoryError");
    expect(r.result.status).toBe("exception");
  }, 60_000);
});

describe("hooks for the thread runtime", () => {
  it("delivers SIGUSR1 every switch interval while preemption is on, and stops after the run", async () => {
    const code = `
import signal, time, interleave_host as host
from interleave import _visible
hits = 0
def on_tick(signum, frame):
    global hits
    hits += 1
_visible.real_signal(signal.SIGUSR1, on_tick)  # the tick itself: a program's own signal.signal(SIGUSR1) is kept aside
print(host.set_preemption(True, 0.005))
start = time.perf_counter()
while hits < 20 and time.perf_counter() < start + 10:
    pass
elapsed = time.perf_counter() - start
host.set_preemption(False, 0.005)
# At least 20 ticks come (however late a loaded machine makes them), and never more often than one an interval.
print(hits >= 20, hits <= elapsed / 0.005 + 2)
`;
    const r = await harness.run({ code });
    expect(r.stdout).toBe("True\nTrue True\n");
    const after = await harness.run({ code: "import interleave_host as h, time\nt=h.ticks()\ntime.sleep(0.1)\nprint(h.ticks() - t)\n" });
    expect(after.stdout).toBe("0\n");
  });

  it("a preemption tick that lands inside print's flush does not switch threads there (no 'reentrant call')", async () => {
    // CPython's BufferedWriter runs signal handlers inside its flush, its lock held (bufferedio.c). A tick made pending
    // just before print() is handled there while another thread waits for the GIL: a switch at that point let the
    // other thread's print find the buffer busy in the same OS thread.
    const code = `import importlib._bootstrap, importlib.machinery, signal, sys, threading, time

real_thread = importlib._bootstrap.module_from_spec(importlib.machinery.BuiltinImporter.find_spec("_thread"))
ready = threading.Event()


def other():
    ready.wait()
    print("B prints")


t = threading.Thread(target=other)
t.start()
sys.setswitchinterval(10)  # B will wait for the GIL; no tick hands it over yet
ready.set()
end = time.perf_counter() + 0.05
while time.perf_counter() < end:
    pass
sys.setswitchinterval(0.005)
real_thread.interrupt_main(signal.SIGUSR1)  # a tick, pending: the first check to see it is inside print's flush
print("A prints")
t.join()
print("done")
`;
    const r = await harness.run({ code });
    expect(r.stderr).toBe("");
    expect(r.result.status).toBe("ok");
    expect(r.stdout.split("\n").sort()).toEqual(["", "A prints", "B prints", "done"]);
  });
});

describe("npm run py", () => {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const py = (args: string[], input = "") => spawnSync(tsx, ["scripts/py.ts", ...args], { cwd: ROOT, input, encoding: "utf8", timeout: 120_000 });

  it("behaves like python3 FILE.py: stdout, stdin, stderr and exit code", () => {
    const file = path.join(tmp, "cli.py");
    fs.writeFileSync(file, 'import sys\nline = input("> ")\nprint("got", line)\nprint("warn", file=sys.stderr)\nraise SystemExit(3)\n');
    const ours = py([file], "hello\n");
    const theirs = spawnSync("python3", [file], { input: "hello\n", encoding: "utf8" });
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.status).toBe(3);
    expect(theirs.status).toBe(3);
  }, 150_000);

  it("turns --interrupt-after into KeyboardInterrupt, and reports tracebacks with exit code 1", () => {
    const file = path.join(tmp, "loop.py");
    fs.writeFileSync(file, 'try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("interrupted cleanly")\n1/0\n');
    // Counted from the program's start; generous because this machine may be busy.
    const out = py([file, "--interrupt-after", "1500"]);
    expect(out.stdout).toBe("interrupted cleanly\n");
    expect(lastLine(out.stderr)).toBe("ZeroDivisionError: division by zero");
    expect(out.status).toBe(1);
  }, 150_000);

  it("says so for a missing file, like python3", () => {
    const out = py([path.join(tmp, "missing.py")]);
    expect(out.stderr).toContain("[Errno 2] No such file or directory");
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
  }, 30_000);
});
