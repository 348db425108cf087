"""multiprocessing for each run, from the standard library's own modules with a few pieces swapped for the browser.

The run gets fresh copies of multiprocessing (it keeps per-process state: the current process, its children,
counters, atexit handlers) executed from code objects compiled once per interpreter. Swapped pieces:
`_multiprocessing` (SemLock in shared memory), `multiprocessing.popen_spawn_posix` (start a child through the
page), and, right after their modules execute, connection's Pipe/wait/Connection, the spawn start method as the
only one, Value/Array (also multiprocessing.sharedctypes') in shared memory, and Barrier's state.
"""

import importlib.machinery
import sys

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

_code_cache = {}
_spec_cache = {}


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


class _Loader:
    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__spec__.name
        code = _code_cache.get(name)
        if code is None:
            code = _code_cache[name] = self._inner.get_code(name)
        exec(code, module.__dict__)
        _patch(name, module)


class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if not _ours(name) or name == "multiprocessing.popen_spawn_posix":
            return None
        found = _spec_cache.get(name)
        if found is None:
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return None
            found = _spec_cache[name] = (spec.loader, spec.origin, spec.submodule_search_locations)
        loader, origin, locations = found
        spec = importlib.machinery.ModuleSpec(name, _Loader(loader), origin=origin, is_package=locations is not None)
        if locations is not None:
            spec.submodule_search_locations = list(locations)
        spec.has_location = origin is not None
        return spec


_finder = _Finder()


def warm():
    for name in WARM:
        if name in _code_cache:
            continue
        parent = name.rpartition(".")[0]
        path = None
        if parent:
            pkg = sys.modules.get(parent)
            path = getattr(pkg, "__path__", None)
            if path is None and parent == "multiprocessing":
                path = [_spec_cache["multiprocessing"][2][0]] if "multiprocessing" in _spec_cache else None
        spec = _Finder.find_spec(name, path)
        if spec is not None:
            _code_cache[name] = spec.loader._inner.get_code(name)


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
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)


def restore():
    try:
        sys.meta_path.remove(_finder)
    except ValueError:
        pass
    purge()
