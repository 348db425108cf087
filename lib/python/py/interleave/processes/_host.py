"""This process's view of the page (the "operating system"): who we are, and blocking on the page's answers.

`js` is `interleave_processes_js` (lib/python/worker/processes.ts). A blocking call (a pipe read, a join, a lock)
blocks the calling green thread in the thread scheduler until the page's answer (a promise, named by a token)
settles: the worker keeps receiving messages and the process's other threads keep running. Without a scheduler
(no JSPI threads) it waits with `run_sync`.
"""

import json
import sys
import threading as _threading_at_boot  # noqa: F401 - the original; the run's copy is looked up per call

from .._jsreply import reply_fields

js = None
pid = None
ppid = None
base_pid = None
cpus = 1
child = None  # {"name": ...} in a child process


def load():
    """Reads who this process is; returns False when the page did not attach this run (no processes here)."""
    global js, pid, ppid, base_pid, cpus, child
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
    pid, ppid, base_pid, cpus, child = info["pid"], info["ppid"], info["basePid"], info["cpus"], info["child"]
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


def block(token, label, module=None):
    """Wait for a JavaScript promise without holding the GIL: other threads of this process run meanwhile.

    The waiting green thread blocks in the scheduler like a thread waiting on a lock (marked external, so it is
    not taken for a deadlock); the promise's settlement, a JavaScript callback, wakes it. `module` is the JavaScript
    module whose token it is (interleave_processes_js unless given). If the wait ends in an exception instead (a
    signal's KeyboardInterrupt, a handler that raises), the module is told (its `abandon`, if it has one: a read
    gives back what it took, as an interrupted read() in CPython takes nothing) and the answer is not waited for."""
    from pyodide.ffi import create_proxy, run_sync

    js_module = module if module is not None else js
    sched = _scheduler()
    t = sched.me() if sched is not None else None
    if t is None:
        return run_sync(js_module.promise(token))
    from interleave.threads import _core, _report

    box = []
    abandoned = []
    # Other threads wait with a distant deadline on a real clock: not a deadlock, and the thread runtime can still
    # stop them at exit (daemon threads) or after Stop. The main thread's wait is marked as one on JavaScript: Stop
    # ends it through the page's "interrupted" answer (the thread runtime leaves such a wait alone). A virtual clock
    # would jump to the deadline at once, so there every wait is marked so.
    external = sched.clock.virtual or t.main

    def settle(value=None, error=None):
        if abandoned:
            return
        box.append((value, error))
        if _scheduler() is not sched:
            return  # the run is over
        t.external = False
        if t.state == _core.BLOCKED and t.wait is wait:
            sched.wake(t, "io")
            if sched.current is None:
                nxt = sched._next_runner()
                if nxt is not None:
                    sched._resume(nxt)

    js_module.onSettle(token, create_proxy(settle))
    wait = _report.Wait(label, None, sys._getframe(1))
    try:
        while not box:
            t.external = external
            sched.block(t, wait, None if external else sched.clock.now() + 3600)
    except BaseException:
        abandoned.append(True)
        abandon = getattr(js_module, "abandon", None)
        if abandon is not None:
            abandon(token)
        raise
    finally:
        t.external = False
    value, error = box[0]
    if error is not None:
        raise OSError(f"{label} failed: {error}")
    _synchronise()
    return value


# Called before this process tells another something and after it heard from another (interleave.net._shm keeps
# multiprocessing.shared_memory's mirrors in step there).
sync_hooks = []


def _synchronise():
    for hook in sync_hooks:
        hook()


def _is_main_thread():
    import threading

    return threading.current_thread() is threading.main_thread()


def request(token, label):
    """Block on a request to the page; returns its reply as a dict (bytes under "data")."""
    reply = block(token, label)
    out = reply_fields(reply, ("pid", "error", "eof", "ready", "chans", "pids", "timeout", "interrupted"))
    try:
        data = reply.data
    except AttributeError:
        data = None
    out["data"] = data.to_bytes() if data is not None else None
    try:
        more = reply.more
    except AttributeError:
        more = None
    out["more"] = [m.to_bytes() for m in more] if more is not None else []
    if out.get("interrupted"):
        # Stop was pressed while we waited: the main thread gets its KeyboardInterrupt, other threads just end.
        if _is_main_thread():
            import interleave
            import interleave.threads as threads

            if threads.active():
                # Through the thread runtime (which tells the page it arrived), so the SIGINT still pending for this
                # Stop is not delivered again.
                threads._deliver_interrupt()
            else:
                interleave.ack_interrupt()
            raise KeyboardInterrupt
        raise SystemExit
    return out


def flush_output():
    """Send this process's pending output to the page now: what it printed before a message it sends (or a lock it
    releases) must reach the console before whatever another process prints on receiving it."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the program may have replaced or closed it
            pass
    try:
        import interleave_host

        interleave_host.flush()
    except ImportError:
        pass
    _synchronise()


def to_js_list(items):
    from pyodide.ffi import to_js

    return to_js(items)


def to_js_bytes(data):
    from pyodide.ffi import to_js

    return to_js(bytes(data))


def ident():
    import threading

    return threading.get_ident() & 0x7FFFFFFF
