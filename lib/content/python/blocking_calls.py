"""Which line blocks the event loop? The measurement behind <FindTheBlockingCall> (the learner's "Measure it" and
`npm run content:check`): runs an asyncio program and charges every moment the event loop's thread spends between
two lines of the program to the line it was on, minus the time the loop spent waiting for something to do (its
selector's select). A line that ran for a long stretch without letting the loop run anything else is a blocking
call: time.sleep, a long computation, a blocking library call. `await asyncio.sleep(1)` costs its line nothing (the
loop waits in select meanwhile). Prints the result as JSON after a marker on the last line.

Uses sys.monitoring LINE events (one tool id for the whole interpreter, so they fire in the loop's callbacks too;
CPython 3.12+; the thread runtime uses tool ids 3 to 5).
"""

import asyncio.base_events
import json
import runpy
import sys
import threading
import time

MARKER = "\x1einterleave-blocking "
TOOL = sys.monitoring.PROFILER_ID


def main(path, threshold=0.05):
    mon = sys.monitoring
    loop_thread = threading.get_ident()
    clock = time.perf_counter
    busy = {}  # line -> seconds the loop's thread spent on it
    state = {"line": None, "t": 0.0, "idle": 0.0}

    def on_line(code, line):
        if code.co_filename != path:
            return mon.DISABLE
        if threading.get_ident() != loop_thread:
            return None
        now = clock()
        if state["line"] is not None:
            spent = now - state["t"] - state["idle"]
            if spent > 0:
                busy[state["line"]] = busy.get(state["line"], 0.0) + spent
        state["line"], state["t"], state["idle"] = line, now, 0.0
        return None

    original = asyncio.base_events.BaseEventLoop._run_once

    def run_once(loop):
        # The loop's wait for timers and I/O is not the program's doing: measure it, to leave it out.
        selector = loop._selector
        if not getattr(selector, "_interleave_timed", False):
            select = selector.select

            def timed_select(timeout=None):
                t0 = clock()
                try:
                    return select(timeout)
                finally:
                    state["idle"] += clock() - t0

            selector.select = timed_select
            try:
                selector._interleave_timed = True
            except AttributeError:
                pass
        return original(loop)

    mon.use_tool_id(TOOL, "interleave blocking calls")
    mon.register_callback(TOOL, mon.events.LINE, on_line)
    mon.set_events(TOOL, mon.events.LINE)
    asyncio.base_events.BaseEventLoop._run_once = run_once
    error = None
    try:
        runpy.run_path(path, run_name="__main__")
    except BaseException as exc:  # noqa: BLE001 - the report says how the program ended
        if isinstance(exc, KeyboardInterrupt):
            raise
        error = f"{type(exc).__name__}: {exc}"
    finally:
        asyncio.base_events.BaseEventLoop._run_once = original
        mon.set_events(TOOL, 0)
        mon.register_callback(TOOL, mon.events.LINE, None)
        mon.free_tool_id(TOOL)
    with open(path, encoding="utf-8") as f:
        source = f.read().split("\n")
    lines = sorted(({"line": n, "seconds": round(s, 4), "text": source[n - 1].strip() if 0 < n <= len(source) else ""} for n, s in busy.items()), key=lambda e: -e["seconds"])
    top = lines[0] if lines and lines[0]["seconds"] >= threshold else None
    report = {"blocking": top, "lines": lines[:10], "threshold": threshold, "error": error}
    sys.stdout.flush()
    sys.__stdout__.write("\n" + MARKER + json.dumps(report) + "\n")
    sys.__stdout__.flush()
