"""multiprocessing for each run, from the standard library's own modules with a few pieces swapped for the browser.

The run gets fresh copies of multiprocessing (it keeps per-process state: the current process, its children,
counters, atexit handlers) executed from code objects compiled once per interpreter (../_swap.py). Swapped pieces:
`_multiprocessing` (SemLock in shared memory), `multiprocessing.popen_spawn_posix` (start a child through the
page), and, right after their modules execute, connection's Pipe/wait/Connection, the spawn start method as the
only one, Value/Array (also multiprocessing.sharedctypes') in shared memory, Barrier's state, and the resource
tracker and shared_memory over the page's register of shared memory names (interleave.net._shm).
"""

import sys

from .._swap import ModuleSwap
from . import _connection, _popen, _semlock, _shared

PREFIXES = ("multiprocessing", "concurrent.futures.process")
# Compiled ahead of time by warm() (a spare worker has time; a child imports these at once).
WARM = (
    "multiprocessing",
    "multiprocessing.context",
    "multiprocessing.process",
    "multiprocessing.reduction",
    "multiprocessing.util",
    "multiprocessing.spawn",
    "multiprocessing.connection",
    "multiprocessing.queues",
    "multiprocessing.synchronize",
    "multiprocessing.pool",
    "concurrent.futures.process",
)

def _ours(name):
    return name == "multiprocessing" or name.startswith("multiprocessing.") or name == "concurrent.futures.process"


def _patch(name, module):
    if name == "multiprocessing.context":
        contexts = module._concrete_contexts
        for method in ("fork", "forkserver"):
            contexts.pop(method, None)
        module._default_context = module.DefaultContext(contexts["spawn"])
        _shared.patch_context(module)
    elif name == "multiprocessing.connection":
        _connection.patch(module)
    elif name == "multiprocessing.synchronize":
        _shared.patch_synchronize(module)
    elif name == "multiprocessing.sharedctypes":
        _shared.patch_sharedctypes(module)
    elif name == "multiprocessing.resource_tracker":
        # No tracker process: the run's register of shared memory names is the page's (interleave.net._shm).
        from interleave.net import _shm

        _shm.patch_tracker(module)
    elif name == "multiprocessing.shared_memory":
        from interleave.net import _shm

        _shm.patch(module)


_finder = ModuleSwap(lambda name: _ours(name) and name != "multiprocessing.popen_spawn_posix", _patch)


def warm():
    _finder.warm(WARM)


def purge():
    for name in [n for n in sys.modules if _ours(n) or n == "_multiprocessing"]:
        sys.modules.pop(name, None)
    futures = sys.modules.get("concurrent.futures")
    if futures is not None:
        futures.__dict__.pop("process", None)


def install():
    purge()
    sys.modules["_multiprocessing"] = _semlock
    sys.modules["multiprocessing.popen_spawn_posix"] = _popen
    _finder.install()


def restore():
    _finder.uninstall()
    purge()
