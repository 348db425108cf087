"""Fresh copies of threading, queue, concurrent.futures and logging for each run, built on our `_thread`.

Pyodide imports threading, logging and concurrent.futures while it starts, over its own `_thread` (which cannot
start threads). A run needs versions that see our `_thread`, and each run must start clean (Thread-1 again, no
handlers left over from the previous run's logging.basicConfig). So for the length of a run these modules are
taken out of sys.modules and re-executed from code objects compiled into the memory snapshot (interleave/preload.py
PRECOMPILED), else once per interpreter (compiling threading.py and friends costs a few hundred ms; executing the
cached code, a few ms). Afterwards the originals are put back, and modules first imported during the run that
captured the run's copies are forgotten.
"""

import importlib.machinery
import sys

FRESH = (
    "threading",
    "_threading_local",
    "queue",
    "concurrent.futures",
    "concurrent.futures._base",
    "concurrent.futures.thread",
    "logging",
    "logging.handlers",
    "logging.config",
)
# Imported at install, so that modules which stay (asyncio uses `concurrent.futures` and reaches it through
# the `concurrent` package's attribute) see the run's copies too.
EAGER = ("threading", "queue", "concurrent.futures", "concurrent.futures.thread")

_code_cache = {}  # name -> code object
# name -> (loader, origin, submodule_search_locations). Asking zipimport for a spec compiles the module just to
# learn its file name, so it is asked once.
_spec_cache = {}


def _precompiled(name):
    """(spec, code) of a module compiled into the memory snapshot (interleave/preload.py PRECOMPILED), or None."""
    return getattr(sys.modules.get("interleave.preload"), "PRECOMPILED", {}).get(name)


def _code(name, loader):
    code = _code_cache.get(name)
    if code is None:
        pre = _precompiled(name)
        code = _code_cache[name] = pre[1] if pre is not None else loader.get_code(name)
    return code


class _Loader:
    """Executes a cached code object; everything else (get_source for tracebacks, ...) is the real loader's."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__spec__.name
        exec(_code(name, self._inner), module.__dict__)
        if name == "queue":
            # The C SimpleQueue blocks the whole interpreter; the pure-Python one waits on our locks (named as the C
            # one, which is what a program prints).
            module.SimpleQueue = type("SimpleQueue", (module._PySimpleQueue,), {"__module__": "_queue", "__doc__": module._PySimpleQueue.__doc__})


class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in FRESH:
            return None
        found = _spec_cache.get(name)
        if found is None:
            pre = _precompiled(name)
            spec = pre[0] if pre is not None else importlib.machinery.PathFinder.find_spec(name, path)
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
    """Fill the spec and code caches for the modules a run imports at once."""
    for name in EAGER:
        if name in _code_cache:
            continue
        parent = name.rpartition(".")[0]
        path = getattr(sys.modules.get(parent), "__path__", None) if parent else None
        spec = _Finder.find_spec(name, path)
        if spec is not None:
            _code(name, spec.loader._inner)


class Swap:
    def __init__(self, thread_module):
        self.thread_module = thread_module
        self.saved = {}
        self.before = set()
        self.concurrent_futures = None

    def install(self):
        modules = sys.modules
        self.before = set(modules)
        for name in FRESH:
            if name in modules:
                self.saved[name] = modules.pop(name)
        self.saved["_thread"] = modules["_thread"]
        concurrent = modules.get("concurrent")
        if concurrent is not None:
            self.concurrent_futures = concurrent.__dict__.get("futures")
        modules["_thread"] = self.thread_module
        sys.meta_path.insert(0, _finder)
        for name in EAGER:
            __import__(name)
        return modules["threading"]

    def restore(self):
        modules = sys.modules
        try:
            sys.meta_path.remove(_finder)
        except ValueError:
            pass
        run_modules = [modules[name] for name in FRESH if name in modules]
        for name in FRESH:
            modules.pop(name, None)
        modules.update(self.saved)
        concurrent = modules.get("concurrent")
        if concurrent is not None:
            if self.concurrent_futures is not None:
                concurrent.futures = self.concurrent_futures
            else:
                concurrent.__dict__.pop("futures", None)
        # Forget modules first imported during the run that hold on to the run's copies or to our _thread.
        marked = [id(m) for m in run_modules] + [id(self.thread_module)]
        for name in set(modules) - self.before:
            mod = modules.get(name)
            if mod is None or name in FRESH:
                continue
            try:
                values = list(vars(mod).values())
            except TypeError:
                continue
            if any(id(v) in marked for v in values):
                modules.pop(name, None)
        self.saved.clear()
