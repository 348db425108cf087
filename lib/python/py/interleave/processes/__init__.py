"""Processes that really run in parallel in the browser: `multiprocessing` and `ProcessPoolExecutor` unmodified.

Each Python process is a Web Worker with its own interpreter; the page is the operating system (process table,
pids, pipes, start and kill: lib/python/client/processes.ts). CPython's "spawn" start method is the model: a
child runs the main script as __mp_main__ (so `if __name__ == "__main__":` matters) and then the pickled Process.

The runner calls, in each process:

    install()           before the program (after the thread runtime's install)
    is_child()          whether this run is a child process: then run_child() replaces running the program
    shutdown()          after the program and its atexit handlers

JavaScript support: lib/python/worker/processes.ts, registered as `interleave_processes_js`. Without it nothing is
installed and multiprocessing is as in stock Pyodide (no `_multiprocessing`). When the page did not attach the run
(no shared memory) or the browser has no stack switching (JSPI), what a process needs (`_multiprocessing`, the
spawn Popen) raises interleave.unsupported.Unsupported: the run ends as "unsupported" and the page says why.
"""

import os
import posix
import sys
import types

from .. import _visible, unsupported
from . import _host, _modules, _trace

__all__ = ["boot", "install", "is_child", "run_child", "shutdown", "warm"]

_active = False
_saved_os = {}  # (module, name) -> the function replaced (None: the module had none)
_unavailable = None  # set below


def boot():
    """Called once when the interpreter starts."""


def warm():
    """Compile multiprocessing's modules ahead of time (called when the worker is idle)."""
    if not _active:
        try:
            _modules.warm()
        except Exception:  # noqa: BLE001 - only a head start
            pass


class _Unavailable:
    """Without a process table (no SharedArrayBuffer) or without stack switching to wait on it, say why."""

    shared_memory = False
    jspi = False

    def find_spec(self, name, path=None, target=None):
        if name in ("_multiprocessing", "multiprocessing.popen_spawn_posix"):
            raise unsupported.processes(self.shared_memory, self.jspi)
        return None


_unavailable = _Unavailable()


def install(options=None):
    """`options`: the runner's boot options ({"jspi": bool, "isolated": bool, ...})."""
    global _active
    opts = dict(options or {})
    if _active:
        shutdown()
    if _unavailable in sys.meta_path:
        sys.meta_path.remove(_unavailable)
    attached = _host.load()
    jspi = bool(opts.get("jspi", True))
    if not attached or not jspi:
        try:
            import interleave_processes_js  # noqa: F401 - in a worker whose page did not attach this run
        except ImportError:
            return
        sys.modules.pop("_multiprocessing", None)
        _unavailable.shared_memory = attached
        _unavailable.jspi = jspi
        sys.meta_path.insert(0, _unavailable)
        return
    _active = True
    pid, ppid, cpus = _host.pid, _host.ppid, _host.cpus

    def getpid():
        return pid

    def getppid():
        return ppid

    def cpu_count():
        return cpus

    # os.getpid is posix.getpid (and os.process_cpu_count may be os.cpu_count): each original gets one stand-in,
    # put wherever the original was, so that it pickles by reference as the original does (`posix.getpid`, which
    # in a child process is the child's own: `pool.apply_async(os.getpid)`).
    standins = {}
    for name, impl in (("getpid", getpid), ("getppid", getppid), ("cpu_count", cpu_count), ("process_cpu_count", cpu_count)):
        original = getattr(os, name, None)
        if original is None:
            continue
        standin = standins.get(id(original))
        if standin is None:
            standin = standins[id(original)] = _visible.like_builtin(impl, original)
        for module in (os, posix):
            if getattr(module, name, None) is original:
                _saved_os[(module, name)] = original
                setattr(module, name, standin)
    _modules.install()


def signal_process(pid, sig):
    """os.kill(pid, sig) for another process of this run: False if there is none with that pid. A process that has
    ended is left alone (a zombie takes signals without effect until it is reaped). The page acts on the process's
    disposition for the signal: its handler runs there, SIG_IGN does nothing, the default ends it with exit code
    -sig (lib/python/README, "Signals between processes")."""
    if not _active:
        return False
    state = int(_host.js.state(pid))
    if state == 0:  # PROC_TABLE.FREE
        return False
    if pid == _host.base_pid:
        from .. import unsupported

        raise unsupported.Unsupported("processes", "Sending a signal to the main process from another is not supported here yet.")
    if state == 1:  # PROC_TABLE.RUNNING
        if sig:
            _host.js.signal(pid, sig)
        return True
    # Ended: a zombie until its parent reaps it (Popen.poll, as waitpid; join and is_alive poll), then no process.
    children = getattr(sys.modules.get("multiprocessing.process"), "_children", ())
    return any(getattr(p._popen, "pid", None) == pid and p._popen.returncode is None for p in list(children) if p._popen is not None)


def is_child():
    return _active and _host.child is not None


def run_child():
    """What CPython's spawn_main does in a new process: run the main script as __mp_main__, unpickle the Process
    and run it. Returns its exit code."""
    import io

    payload = _host.js.takePayload()
    data = io.BytesIO(payload.to_bytes())
    # As `python -c "from multiprocessing.spawn import spawn_main; ..."`: a __main__ with no file of its own, so
    # spawn.prepare runs the learner's script as __mp_main__.
    sys.modules["__main__"] = types.ModuleType("__main__")
    from multiprocessing import process, reduction, spawn

    from . import _connection

    def _exit(code):
        # As os._exit: the process ends here and now (no clean-up, no atexit); the page stops this worker.
        from pyodide.ffi import run_sync

        run_sync(_host.js.promise(_host.js.hardExit(int(code))))

    os._exit = _visible.like_builtin(_exit, posix._exit)
    process.current_process()._inheriting = True
    try:
        preparation_data = reduction.pickle.load(data)
        spawn.prepare(preparation_data)
        self = reduction.pickle.load(data)
    finally:
        del process.current_process()._inheriting
    return self._bootstrap(_connection.Sentinel(_host.ppid))


def shutdown():
    global _active
    if _unavailable in sys.meta_path:
        sys.meta_path.remove(_unavailable)
    if not _active:
        return
    _active = False
    for (module, name), fn in _saved_os.items():
        setattr(module, name, fn)
    _saved_os.clear()
    _modules.restore()


def before_exit():
    """What CPython does as the process ends, in its order: join non-daemon threads, then multiprocessing's
    exit handler (flush queues, terminate daemonic children, join the others), while daemon threads (a queue's
    feeder) still run."""
    if not _active:
        return
    util = sys.modules.get("multiprocessing.util")
    if util is None:
        return
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()
    util._exit_function()
    process = sys.modules.get("multiprocessing.process")
    me = process.current_process() if process is not None else None
    _trace.emit(me.name if me is not None else "MainProcess")
