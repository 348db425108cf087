/**
 * The asyncio conformance suite in headless Chromium, through the site's own runtime (one browser, one warm
 * worker): each program in tests/conformance/asyncio/ must give python3's verdict on this machine (stdout, exit
 * code, stderr without traceback frames; see asyncio-spec.ts). Also: a run that used asyncio sends an "asyncio"
 * trace that fits its schema, and Stop during asyncio.run cancels the tasks the way Ctrl+C does in CPython (or calls
 * the loop's own SIGINT handler, when the program added one).
 */
import { describe, expect, it } from "vitest";
import { conformsToPython3, expectEndedLikeCtrlC, sharedHarness, stopWhenPrinted } from "./shared-harness";
import { lastAsyncioTrace } from "../../lib/python/traces/asyncio";
import { judgeAsyncio, loadAsyncioPrograms, runPython3 } from "./asyncio-spec";

const harness = sharedHarness();

conformsToPython3(harness, {
  title: "asyncio programs behave as on CPython",
  programs: loadAsyncioPrograms(),
  minimum: 20,
  python3: (program) => runPython3(program, 30_000),
  judge: judgeAsyncio,
});

describe("the event-loop trace", () => {
  it("records three tasks interleaving, with the lines they stopped at", async () => {
    const code = [
      "import asyncio",
      "async def worker(name):",
      "    for i in range(2):",
      "        print(name, i)",
      "        await asyncio.sleep(0.01)",
      "async def main():",
      "    await asyncio.gather(worker('a'), worker('b'), worker('c'))",
      "asyncio.run(main())",
    ].join("\n");
    const run = await harness().run({ code, filename: "main.py", timeoutMs: 30_000 });
    expect(run.stdout).toBe("a 0\nb 0\nc 0\na 1\nb 1\nc 1\n");
    const trace = lastAsyncioTrace(run.events.flatMap((e) => (e.kind === "trace" ? [e] : [])));
    expect(trace).not.toBeNull();
    expect(trace!.tasks.map((t) => t.coro)).toEqual(["main", "worker", "worker", "worker"]);
    expect(trace!.tasks.slice(1).every((t) => t.parent === 1 && t.outcome === "result")).toBe(true);
    const sleeping = trace!.steps.flatMap((s) => s.ran).filter((r) => r.on?.kind === "sleep");
    expect(sleeping.length).toBe(6);
    expect(new Set(sleeping.map((r) => r.line))).toEqual(new Set([5]));
    const gathering = trace!.steps.flatMap((s) => s.ran).find((r) => r.task === 1 && r.on?.kind === "gather");
    expect(gathering?.on?.tasks).toEqual([2, 3, 4]);
    expect(trace!.steps.some((s) => s.timers.some((t) => t.label === "sleep ends" && t.task !== null))).toBe(true);
  }, 60_000);

  it("sends no trace for a program without asyncio", async () => {
    const run = await harness().run({ code: "print(1)", filename: "main.py", timeoutMs: 30_000 });
    expect(run.events.some((e) => e.kind === "trace" && e.name === "asyncio")).toBe(false);
  }, 60_000);

  it("Stop during asyncio.run cancels the main task, cleans up, and ends with KeyboardInterrupt", async () => {
    const code = [
      "import asyncio",
      "async def child():",
      "    try:",
      "        await asyncio.sleep(30)",
      "    finally:",
      "        print('child cleaned up', flush=True)",
      "async def main():",
      "    t = asyncio.create_task(child())",
      "    try:",
      "        print('waiting', flush=True)",
      "        await asyncio.sleep(30)",
      "    except asyncio.CancelledError:",
      "        print('main cancelled', flush=True)",
      "        raise",
      "asyncio.run(main())",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "waiting");
    expectEndedLikeCtrlC(run);
    expect(run.stdout).toBe("waiting\nmain cancelled\nchild cleaned up\n");
  }, 60_000);

  it("Stop while a coroutine computes lets it finish the computation; the cancellation lands at its next await", async () => {
    // As python3 (3.11, 3.13) with one SIGINT 0.2 s into the loop: asyncio.Runner's handler runs where the main
    // thread is, inside the computation, and only cancels the main task.
    const code = [
      "import asyncio, time",
      "async def main():",
      "    print('computing', flush=True)",
      "    end = time.monotonic() + 2",
      "    while time.monotonic() < end:",
      "        pass",
      "    print('computed', flush=True)",
      "    try:",
      "        await asyncio.sleep(0)",
      "    except asyncio.CancelledError:",
      "        print('cancelled at the next await', flush=True)",
      "        raise",
      "try:",
      "    asyncio.run(main())",
      "except KeyboardInterrupt:",
      "    print('KeyboardInterrupt')",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "computing");
    expect(run.stdout).toBe("computing\ncomputed\ncancelled at the next await\nKeyboardInterrupt\n");
    expect(run.result.status).toBe("ok");
  }, 60_000);

  // Issue 24: CPython calls a loop's SIGINT handler on Ctrl+C instead of raising KeyboardInterrupt.
  it("Stop calls the loop's SIGINT handler (loop.add_signal_handler) while the loop waits, and the program ends normally", async () => {
    const code = [
      "import asyncio, signal",
      "async def main():",
      "    loop = asyncio.get_running_loop()",
      "    stop = asyncio.Event()",
      "    def on_sigint(label):",
      "        print('handler:', label, flush=True)",
      "        stop.set()",
      "    loop.add_signal_handler(signal.SIGINT, on_sigint, 'SIGINT')",
      "    print('waiting for Ctrl+C', flush=True)",
      "    await stop.wait()",
      "    print('shutting down cleanly')",
      "asyncio.run(main())",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "waiting");
    expect(run.result.status).toBe("ok");
    expect(run.result.exitCode).toBe(0);
    expect(run.stdout).toBe("waiting for Ctrl+C\nhandler: SIGINT\nshutting down cleanly\n");
    expect(run.stderr).toBe("");
  }, 60_000);

  it("Stop calls the loop's SIGINT handler while a coroutine computes, and loop.stop() from it ends run_forever", async () => {
    const code = [
      "import asyncio, signal",
      "async def busy():",
      "    n = 0",
      "    print('computing', flush=True)",
      "    while True:",
      "        for _ in range(20_000): n += 1",
      "        await asyncio.sleep(0)",
      "loop = asyncio.new_event_loop()",
      "def on_sigint():",
      "    print('handler: stopping the loop', flush=True)",
      "    loop.stop()",
      "loop.add_signal_handler(signal.SIGINT, on_sigint)",
      "task = loop.create_task(busy())",
      "loop.run_forever()",
      "task.cancel()",
      "loop.run_until_complete(asyncio.gather(task, return_exceptions=True))",
      "loop.close()",
      "print('closed:', loop.is_closed(), signal.getsignal(signal.SIGINT) is signal.default_int_handler)",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "computing");
    expect(run.result.status).toBe("ok");
    expect(run.stdout).toBe("computing\nhandler: stopping the loop\nclosed: True True\n");
    expect(run.stderr).toBe("");
  }, 60_000);
});
