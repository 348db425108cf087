/**
 * The check every conformance program's output goes through (threading-spec.ts `runtimeMentions`): it must catch
 * the runtime showing through, as it did before issue 24 (lines below are what the runtime printed then), and must
 * not flag what python3 prints too.
 */
import { describe, expect, it } from "vitest";
import { runtimeMentions } from "./threading-spec";

describe("runtimeMentions", () => {
  it("finds the runtime's files and modules in what a program printed", () => {
    const stderr = [
      "/lib/interleave-runtime/interleave/runner.py:464: RuntimeWarning: coroutine 'foo' was never awaited",
      "  gc.collect()",
      "Executing <Task pending name='Task-1' coro=<main() running at p6.py:5> created at /lib/interleave-runtime/interleave/asyncio/_loop.py:111> took 0.211 seconds",
    ].join("\n");
    const stdout =
      "interleave.processes <lambda> install.<locals>.<lambda>\n<interleave.asyncio._loop.InterleaveEventLoop object at 0x1>\n" +
      "<class 'interleave.net._socket_module.socket'>\n";
    expect(runtimeMentions({ stdout, stderr })).toEqual([
      "interleave.processes <lambda> install.<locals>.<lambda>",
      "<interleave.asyncio._loop.InterleaveEventLoop object at 0x1>",
      "<class 'interleave.net._socket_module.socket'>",
      "/lib/interleave-runtime/interleave/runner.py:464: RuntimeWarning: coroutine 'foo' was never awaited",
      "Executing <Task pending name='Task-1' coro=<main() running at p6.py:5> created at /lib/interleave-runtime/interleave/asyncio/_loop.py:111> took 0.211 seconds",
    ]);
  });

  it("leaves python3's own output alone", () => {
    const stdout =
      "Interleave the threads\n<built-in function getpid>\n<_UnixSelectorEventLoop running=True closed=False debug=False>\n" +
      "<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 40000)>\ninterleave.network ok\n";
    const stderr = "<sys>:0: RuntimeWarning: coroutine 'job' was never awaited\n  File \"/lib/python314.zip/asyncio/runners.py\", line 127, in run\n";
    expect(runtimeMentions({ stdout, stderr })).toEqual([]);
  });
});
