"""This process's view of the page (the "operating system"): who we are, and blocking on the page's answers.

`js` is `interleave_processes_js` (lib/python/worker/processes.ts). A blocking call (a pipe read, a join, a lock)
suspends the calling green thread with `run_sync` on a promise, so the worker keeps receiving messages and the
process's other threads keep running (through the thread runtime's `wait_external`).
"""

import json
import threading as _threading_at_boot  # noqa: F401 - the original; the run's copy is looked up per call

js = None
pid = None
ppid = None
cpus = 1
child = None  # {"name": ...} in a child process


def load():
    """Reads who this process is; returns False when the page did not attach this run (no processes here)."""
    global js, pid, ppid, cpus, child
    try:
        import interleave_processes_js as module
    except ImportError:
        return False
    raw = module.info()
    if not raw:
        return False
    info = json.loads(raw)
    if not info.get("shared"):
        return False
    js = module
    pid, ppid, cpus, child = info["pid"], info["ppid"], info["cpus"], info["child"]
    return True


def _scheduler():
    try:
        import interleave.threads as threads
        from interleave.threads import _primitives
    except ImportError:
        return None
    if not threads.active():
        return None
    sched = _primitives.state.sched
    if sched is None or sched.js is None or sched.inline:
        return None
    return sched


def block(promise, label):
    """Wait for a JavaScript promise without holding the GIL: other threads of this process run meanwhile."""
    from pyodide.ffi import run_sync

    sched = _scheduler()
    if sched is not None:
        t = sched.me()
        if t is not None:
            return sched.wait_external(t, label, lambda: run_sync(promise))
    return run_sync(promise)


def _is_main_thread():
    import threading

    return threading.current_thread() is threading.main_thread()


def request(promise, label):
    """Block on a request to the page; returns its reply as a dict (bytes under "data")."""
    reply = block(promise, label)
    out = {}
    for key in ("pid", "error", "eof", "ready", "chans", "pids", "timeout", "interrupted"):
        try:
            value = getattr(reply, key)
        except AttributeError:
            continue
        if value is None:
            continue
        out[key] = value.to_py() if hasattr(value, "to_py") else value
    try:
        data = reply.data
    except AttributeError:
        data = None
    out["data"] = data.to_bytes() if data is not None else None
    if out.get("interrupted"):
        # Stop was pressed while we waited: the main thread gets its KeyboardInterrupt, other threads just end.
        if _is_main_thread():
            try:
                import interleave_host

                interleave_host.ack_interrupt()
            except ImportError:
                pass
            raise KeyboardInterrupt
        raise SystemExit
    return out


def to_js_bytes(data):
    from pyodide.ffi import to_js

    return to_js(bytes(data))


def ident():
    import threading

    return threading.get_ident() & 0x7FFFFFFF
