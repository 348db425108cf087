"""asyncio as in CPython for a learner's program, and a record of what its event loop did.

The runner calls, around each program (see lib/python/README.md):

    install({"filename": ..., "jspi": bool})   before the learner's code (after the thread runtime's install)
    finish()                                   after it: sends the "asyncio" trace if a loop ran, puts back Pyodide's
                                               asyncio set-up

For the length of a run, new event loops are `InterleaveEventLoop` (_loop.py: CPython's BaseEventLoop waiting on
a green-thread lock instead of a selector), `asyncio.run` is the standard library's own (Pyodide replaces it
with one that reuses its WebLoop), asyncio's references to `threading` are the run's (green) threading and its
logger the run's logging's. `asyncio.Runner`'s SIGINT handling is the standard library's: Runner.run installs its
handler with signal.signal (the runtime reports its own handler as default_int_handler, and runs the program's in the
main thread: interleave._visible, interleave.threads), so Stop cancels the main task and a second Stop raises
KeyboardInterrupt, as Ctrl+C does in CPython. A loop's own SIGINT handler (loop.add_signal_handler, _signals.py) is
called by Stop instead, as by Ctrl+C.

`set_recording(False)` turns the picture off for loops created afterwards in the same run (the bench measures
what recording costs with it).
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.log
import asyncio.runners
import json
import sys

from . import _loop, _record, _signals

__all__ = ["install", "finish", "set_recording", "active"]

_run = None


class _Run:
    def __init__(self):
        self.saved = {}
        self.recorder = None
        self.recording = True


def active():
    return _run is not None


class _RunLogger:
    """asyncio's logger during a run: the "asyncio" logger of the run's own `logging`.

    The thread runtime gives each run fresh copies of logging (interleave/threads/_modules.py), while asyncio's
    modules, imported once per interpreter, hold the interpreter's logger: a program's handlers and levels on
    logging.getLogger("asyncio") would never see asyncio's messages (slow callbacks in debug mode, "Task exception
    was never retrieved"). Looked up at each use, so a program that never logs does not import logging."""

    def __getattr__(self, name):
        import logging

        return getattr(logging.getLogger("asyncio"), name)

    def __repr__(self):
        import logging

        return repr(logging.getLogger("asyncio"))


def _use_run_logger(saved):
    original = asyncio.log.logger
    proxy = _RunLogger()
    modules = [m for n, m in list(sys.modules.items()) if (n == "asyncio" or n.startswith("asyncio.")) and m is not None]
    saved["loggers"] = [m for m in modules if m.__dict__.get("logger") is original]
    saved["logger"] = original
    for m in saved["loggers"]:
        m.logger = proxy


def install(options=None):
    """Make asyncio in the coming program behave as CPython's."""
    global _run
    if _run is not None:
        finish()
    opts = dict(options or {})
    run = _Run()
    saved = run.saved
    events = asyncio.events
    saved["policy"] = events._event_loop_policy
    saved["run"] = asyncio.run
    saved["EventLoop"] = getattr(asyncio, "EventLoop", None)
    saved["base_threading"] = asyncio.base_events.threading
    saved["runners_threading"] = asyncio.runners.threading
    saved["running"] = events._get_running_loop()
    saved["loop_class"] = (_loop.InterleaveEventLoop._thread_module, _loop.InterleaveEventLoop._recorder_factory)
    saved["signal_wait"] = _loop.InterleaveEventLoop._signal_wait_seconds

    threading = sys.modules.get("threading")
    thread_module = sys.modules.get("_thread")
    # A green-thread `_thread` (the thread runtime with stack switching) can wait without blocking the worker.
    green = bool(opts.get("jspi")) and _green_threads()
    _loop.InterleaveEventLoop._thread_module = thread_module if green else None
    _loop.InterleaveEventLoop._signal_wait_seconds = _loop._MAX_WAIT if green and not _virtual_clock() else None
    _loop.InterleaveEventLoop._sleep = staticmethod(_sleep)
    filename = str(opts.get("filename") or "main.py")

    def recorder_factory(loop):
        if not run.recording:
            return None
        if run.recorder is None:
            run.recorder = _record.Recorder(filename)
        if not run.recorder.active:
            return None
        return run.recorder.attach(loop)

    _loop.InterleaveEventLoop._recorder_factory = recorder_factory
    _loop.reset_task_numbers()

    if saved["policy"] is not None:
        events._event_loop_policy = _loop.make_policy(saved["policy"])
    if green:
        _wrap_park(run)
    asyncio.run = asyncio.runners.run
    if saved["EventLoop"] is not None:
        asyncio.EventLoop = _loop.InterleaveEventLoop
    if threading is not None:
        asyncio.base_events.threading = threading
        asyncio.runners.threading = threading
    _use_run_logger(saved)
    if saved["running"] is not None:
        events._set_running_loop(None)
    _run = run


def _wrap_park(run):
    """A green thread parks with Pyodide's run_sync, which must see Pyodide's WebLoop, not a loop of ours that
    happens to be running in this thread (see _loop.make_policy)."""
    import interleave.threads as threads

    sched = threads._run.sched
    original = sched._park  # js.park() makes the JavaScript promise, run_sync() waits on it
    get_running, set_running = asyncio.events._get_running_loop, asyncio.events._set_running_loop

    def park(t):
        running = get_running()
        if running is not None:
            set_running(None)
        _loop._syncing[0] += 1
        try:
            return original(t)
        finally:
            _loop._syncing[0] -= 1
            if running is not None:
                set_running(running)

    sched._park = park
    run.saved["sched_park"] = sched

    # A new thread has no running event loop (CPython keeps one per thread). A green thread starts as a promising
    # call of Pyodide's, which sets its WebLoop as running: a thread could not call asyncio.run() (a server loop in a
    # background thread, say) without this.
    spawn = sched.spawn

    def spawn_without_loop(func, handle, daemon):
        def run_thread():
            set_running(None)
            return func()

        owner = getattr(func, "__self__", None)
        if owner is not None:
            run_thread.__self__ = owner  # the scheduler names the thread after its Thread object
        return spawn(run_thread, handle, daemon)

    sched.spawn = spawn_without_loop


def _green_threads():
    try:
        import interleave.threads as threads
    except ImportError:
        return False
    run = getattr(threads, "_run", None)
    return run is not None and run.js is not None


def _virtual_clock():
    import interleave.threads as threads

    return threads._run.sched.clock.virtual


def _sleep(seconds):
    import time

    time.sleep(seconds)


def set_recording(enabled):
    """Record (True, the default) or not the event loops created from now on in this run."""
    if _run is not None:
        _run.recording = bool(enabled)


def finish():
    """Send the picture of the run's event loops (if any ran) and put Pyodide's asyncio set-up back."""
    global _run
    run = _run
    if run is None:
        return
    _run = None
    try:
        if run.recorder is not None and run.recorder.steps:
            _emit(run.recorder.export())
    finally:
        _signals.reset()
        _restore(run)


def _emit(data):
    try:
        text = json.dumps(data, separators=(",", ":"))
    except (TypeError, ValueError):
        return
    try:
        import interleave_host

        interleave_host.trace("asyncio", text)
        return
    except Exception:  # noqa: BLE001 - the picture is a bonus; never fail the run over it
        pass
    try:
        import interleave_threads_js  # under the Node development runner

        interleave_threads_js.emit("asyncio", text)
    except Exception:  # noqa: BLE001
        pass


def _restore(run):
    saved = run.saved
    events = asyncio.events
    events._event_loop_policy = saved["policy"]
    if "sched_park" in saved:
        saved["sched_park"].__dict__.pop("_park", None)
        saved["sched_park"].__dict__.pop("spawn", None)
    _loop._syncing[0] = 0
    asyncio.run = saved["run"]
    if saved["EventLoop"] is not None:
        asyncio.EventLoop = saved["EventLoop"]
    asyncio.base_events.threading = saved["base_threading"]
    asyncio.runners.threading = saved["runners_threading"]
    for m in saved.get("loggers", ()):
        m.logger = saved["logger"]
    _loop.InterleaveEventLoop._thread_module, _loop.InterleaveEventLoop._recorder_factory = saved["loop_class"]
    _loop.InterleaveEventLoop._signal_wait_seconds = saved["signal_wait"]
    try:
        events._set_running_loop(saved["running"])
    except Exception:  # noqa: BLE001
        pass
