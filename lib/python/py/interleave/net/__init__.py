"""Sockets in the browser: a loopback network inside each run (TCP, UDP and Unix sockets, select/poll/epoll).

Nothing leaves the browser. `socket`, `selectors`, `socketserver`, asyncio's selector event loop and streams are the
standard library's own, running over a `_socket` and a `select` of ours (_socket_module.py, _select_module.py) whose
kernel (_kernel.py) keeps each run's sockets the way Linux keeps them on a machine whose only network is `lo`:
127.0.0.1, ::1, `localhost` and Unix socket paths work; any other address fails at once (a name with
`socket.gaierror` "Temporary failure in name resolution", an address with OSError "Network is unreachable").

The runner calls, around each program (see lib/python/README.md):

    install()   before the learner's code (after the thread runtime's and multiprocessing's install)
    finish()    after it: closes every socket still open (peers see EOF), puts os and errno back

The first install() (or warm(), when the worker is idle) replaces `_socket` and `select` in sys.modules and executes
socket.py, selectors.py and asyncio/streams.py again, in place, over them: modules that imported those earlier
(asyncio) see the new contents. That change stays for the life of the interpreter; between runs there is no
kernel and a socket operation fails with ENETDOWN.
"""

import sys

from . import _errors, _kernel, _ospatch, _remote, _select_module, _shm, _socket_module

__all__ = ["boot", "warm", "install", "finish", "active", "kernel"]

_modules = None  # (our _socket, our select) once ensure() ran
_run = None


class _Run:
    def __init__(self):
        self.kernel = None
        self.errno = _errors.ErrnoPatch()
        self.os = _ospatch.OsPatch()


def boot():
    """Called once when the interpreter starts (cheap: the module swap happens in warm() or the first install())."""


def warm():
    """Swap the modules ahead of the first run that needs them (called when the worker is idle)."""
    if _run is None:
        ensure()


def _reexec(name):
    """Execute a module's code again in its own namespace, so every holder of the module object sees the result."""
    mod = sys.modules.get(name)
    if mod is None:
        __import__(name)
        return sys.modules[name]
    spec = mod.__spec__
    # Compiled into the memory snapshot when it is one of interleave/preload.py's RECOMPILED (the same code as below).
    pre = getattr(sys.modules.get("interleave.preload"), "PRECOMPILED", {}).get(name)
    code = pre[1] if pre is not None else spec.loader.get_code(name)
    keep = {k: mod.__dict__[k] for k in ("__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__", "__cached__", "__builtins__", "__path__") if k in mod.__dict__}
    mod.__dict__.clear()
    mod.__dict__.update(keep)
    exec(code, mod.__dict__)
    return mod


def ensure():
    """Install our _socket and select, and re-execute what was built on Pyodide's (once per interpreter)."""
    global _modules
    if _modules is not None:
        sys.modules["_socket"], sys.modules["select"] = _modules
        return _modules
    import _socket as real_socket
    import select as real_select

    ours = (_socket_module.build(real_socket), _select_module.build(real_select))
    sys.modules["_socket"], sys.modules["select"] = ours
    _modules = ours
    _reexec("selectors")
    _reexec("socket")
    if "asyncio.streams" in sys.modules:
        # asyncio.streams defines open_unix_connection / start_unix_server only where socket has AF_UNIX.
        streams = _reexec("asyncio.streams")
        asyncio = sys.modules.get("asyncio")
        if asyncio is not None:
            for name in streams.__all__:
                setattr(asyncio, name, getattr(streams, name))
            if isinstance(asyncio.__all__, tuple):
                extra = tuple(n for n in streams.__all__ if n not in asyncio.__all__)
                asyncio.__all__ = asyncio.__all__ + extra
    return ours


def active():
    return _run is not None


def kernel():
    return _run.kernel if _run is not None else None


def install(options=None):
    """Give the coming program a fresh loopback network."""
    global _run
    if _run is not None:
        finish()
    ensure()
    run = _Run()
    ns = _kernel.Namespace()
    run.kernel = _kernel.Kernel(ns)
    ns.remote = _remote.attach(run.kernel)
    if ns.remote is not None:
        # multiprocessing.shared_memory: named blocks are the page's; mirrors follow each exchange between processes.
        sys.modules["_posixshmem"] = _shm.posixshmem_module()
        ns.remote.host.sync_hooks.append(_shm.sync_all)
    _socket_module.state.kernel = run.kernel
    _socket_module.state.default_timeout = None
    _ospatch.closed_at_end.clear()
    _shm.reset()
    run.errno.install()
    run.os.install()
    _run = run


def finish():
    """Close what the program left open (its peers see EOF or a reset, as when a process exits) and restore."""
    global _run
    run = _run
    if run is None:
        return
    _run = None
    k = run.kernel
    remote = k.ns.remote
    try:
        if remote is not None:
            _shm.sync_all()  # what this process wrote to shared memory reaches the others before it goes
            if remote.host.child is None and (_shm.used() or remote.multi()):
                _shm.report_leaks(remote)
        _ospatch.closed_at_end.update(k.fds)
        k.close_all()
        if remote is not None:
            remote.detach()
            try:
                remote.host.sync_hooks.remove(_shm.sync_all)
            except ValueError:
                pass
            sys.modules.pop("_posixshmem", None)
        import os

        for path in k.unix_files:
            try:
                os.unlink(path)
            except OSError:
                pass
    finally:
        _socket_module.state.kernel = None
        _socket_module.state.default_timeout = None
        run.os.restore()
        run.errno.restore()
