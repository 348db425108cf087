/**
 * Stop, as a learner presses it: SIGINT through the interrupt buffer, KeyboardInterrupt where the program is, its
 * clean-up left to run as under Ctrl+C in CPython, a second Stop as a second Ctrl+C, and the worker replaced when a
 * program will not stop (lib/python/client/index.ts). One headless Chromium and one warm worker (PythonHarness).
 */
import { describe, expect, it } from "vitest";
import { sharedHarness } from "@/tests/conformance/shared-harness";
import type { RunEvent } from "./client/types";

const harness = sharedHarness();

const lastLine = (s: string) => s.trimEnd().split("\n").at(-1);

describe("Stop", () => {
  it("raises KeyboardInterrupt in a busy loop, and a program may catch it", async () => {
    const code = 'print("looping", flush=True)\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("caught")\n';
    const running = harness().run({ code }, (event, h) => {
      if (event.kind === "stdout" && event.text.includes("looping")) setTimeout(() => void h.stop(), 100);
    });
    const r = await running;
    expect(r.stdout).toBe("looping\ncaught\n");
    expect(r.result.status).toBe("ok");
  });

  it("raises it where the loop's own `try` catches it under a seed too (counted preemption, another thread beside)", async () => {
    // The seed's switch points come from sys.monitoring's JUMP events, whose callbacks' exceptions CPython 3.12-3.14
    // raise past the frame's handlers: the runtime raises it at the jump's target instead (_preempt.PointFinder).
    const code = [
      "import threading",
      "def spin():",
      "    while True:",
      "        pass",
      "threading.Thread(target=spin, daemon=True).start()",
      'print("looping", flush=True)',
      "try:",
      "    n = 0",
      "    while True:",
      "        n += 1",
      "except KeyboardInterrupt:",
      '    print("caught")',
      "",
    ].join("\n");
    for (const seed of [3, 8]) {
      const r = await harness().run({ code, seed }, (event, h) => {
        if (event.kind === "stdout" && event.text.includes("looping")) setTimeout(() => void h.stop(), 300);
      });
      expect(r.stdout).toBe("looping\ncaught\n");
      expect(r.result.status).toBe("ok");
    }
  });

  it("ends an uncaught interrupt with status interrupted and exit code 130, with CPython's traceback", async () => {
    const running = harness().run({ code: 'print("go", flush=True)\nwhile True:\n    pass\n' }, (event, h) => {
      if (event.kind === "stdout") setTimeout(() => void h.stop(), 100);
    });
    const r = await running;
    expect(r.result.status).toBe("interrupted");
    expect(r.result.exitCode).toBe(130);
    expect(r.stderr).toMatch(/^Traceback \(most recent call last\):\n {2}File "main.py", line [23], in <module>/);
    expect(lastLine(r.stderr)).toBe("KeyboardInterrupt");
  });

  it("interrupts a program waiting in input()", async () => {
    const r = await harness().run({ code: 'try:\n    input("? ")\nexcept KeyboardInterrupt:\n    print("no answer")\n' }, (event, h) => {
      if (event.kind === "input-request") setTimeout(() => void h.stop(), 50);
    });
    expect(r.stdout).toBe("? no answer\n");
    expect(r.result.status).toBe("ok");
  });

  it("lets the clean-up a KeyboardInterrupt sets off run past 1 s, as Ctrl+C does in CPython", async () => {
    const code = 'import time\nprint("looping", flush=True)\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    time.sleep(1.5)\n    print("cleaned up")\n';
    const r = await harness().run({ code }, (event, h) => {
      if (event.kind === "stdout" && event.text.includes("looping")) setTimeout(() => void h.stop(), 100);
    });
    expect(r.stdout).toBe("looping\ncleaned up\n");
    expect(r.result.status).toBe("ok");
  });

  it("a second Stop interrupts the clean-up, as a second Ctrl+C does", async () => {
    const code =
      'print("looping", flush=True)\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("cleaning up", flush=True)\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        print("interrupted again")\n';
    const r = await harness().run({ code }, (event, h) => {
      if (event.kind === "stdout" && (event.text.includes("looping") || event.text.includes("cleaning up"))) setTimeout(() => void h.stop(), 100);
    });
    expect(r.stdout).toBe("looping\ncleaning up\ninterrupted again\n");
    expect(r.result.status).toBe("ok");
  });

  it("a second Stop ends asyncio.run's hanging clean-up with KeyboardInterrupt, as python3 does with two SIGINTs", async () => {
    // python3 prints the same for this program with each Stop replaced by loop.call_later(0.1, signal.raise_signal,
    // signal.SIGINT): asyncio.Runner cancels the main task on the first SIGINT and raises on the second.
    const code = [
      "import asyncio",
      "async def main():",
      "    try:",
      '        print("running", flush=True)',
      "        await asyncio.sleep(100)",
      "    finally:",
      '        print("cleaning up", flush=True)',
      "        await asyncio.sleep(100)  # a clean-up that hangs",
      '        print("never")',
      "try:",
      "    asyncio.run(main())",
      "except KeyboardInterrupt:",
      '    print("KeyboardInterrupt")',
      "",
    ].join("\n");
    const r = await harness().run({ code }, (event, h) => {
      if (event.kind === "stdout" && /running|cleaning up/.test(event.text)) setTimeout(() => void h.stop(), 100);
    });
    expect(r.stdout).toBe("running\ncleaning up\nKeyboardInterrupt\n");
    expect(r.result.status).toBe("ok");
  });

  it("runs the program's own SIGINT handler once, in the main thread, and the sleep it interrupted goes on", async () => {
    // As python3 does when sent one SIGINT 0.3 s in (checked on 3.11 and 3.13): the handler runs in MainThread even
    // though another thread holds the GIL, time.sleep resumes after it (PEP 475), nothing else is interrupted.
    const code = [
      "import signal, threading, time",
      "calls = []",
      "def handler(signum, frame):",
      "    calls.append(threading.current_thread().name)",
      "    print('handler in', calls[-1], 'at', frame.f_code.co_name, flush=True)",
      "signal.signal(signal.SIGINT, handler)",
      "def spin():",
      "    end = time.monotonic() + 1",
      "    while time.monotonic() < end:",
      "        pass",
      "t = threading.Thread(target=spin)",
      "t.start()",
      "start = time.monotonic()",
      "print('sleeping', flush=True)",
      "time.sleep(1.5)",
      "print('slept the whole time:', time.monotonic() - start >= 1.5, 'calls:', calls)",
      "t.join()",
      "",
    ].join("\n");
    const r = await harness().run({ code }, (event, h) => {
      if (event.kind === "stdout" && event.text.includes("sleeping")) setTimeout(() => void h.stop(), 300);
    });
    expect(r.stdout).toBe("sleeping\nhandler in MainThread at <module>\nslept the whole time: True calls: ['MainThread']\n");
    expect(r.result.status).toBe("ok");
  });

  it("kills a program that ignores KeyboardInterrupt (still running 5 s after taking it), says so, and the next run works", async () => {
    const code = 'print("stubborn", flush=True)\nwhile True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n';
    const r = await harness().run({ code }, (event, h) => {
      if (event.kind === "stdout") void h.stop();
    });
    expect(r.result.status).toBe("killed");
    expect(r.result.exitCode).toBe(137);
    expect(r.events.some((e: RunEvent) => e.kind === "notice" && /stopped by force/.test(e.text))).toBe(true);
    const after = await harness().run({ code: 'print("fresh")' });
    expect(after.stdout).toBe("fresh\n");
  }, 60_000);
});
