"""Fresh copies of threading, queue, concurrent.futures and logging for each run, built on our `_thread`.

Pyodide imports threading, logging and concurrent.futures while it starts, over its own `_thread` (which cannot
start threads). A run needs versions that see our `_thread`, and each run must start clean (Thread-1 again, no
handlers left over from the previous run's logging.basicConfig). So for the length of a run these modules are
taken out of sys.modules and re-executed from code objects compiled into the memory snapshot (../preload.py
PRECOMPILED), else once per interpreter (../_swap.py). Afterwards the originals are put back, and modules first
imported during the run that captured the run's copies are forgotten.
"""

import sys

from .._swap import ModuleSwap
from ..preload import THREAD_MODULES  # the snapshot's, or the one runner.boot imported

FRESH = THREAD_MODULES
# Imported at install, so that modules which stay (asyncio uses `concurrent.futures` and reaches it through
# the `concurrent` package's attribute) see the run's copies too.
EAGER = ("threading", "queue", "concurrent.futures", "concurrent.futures.thread")


def _patch(name, module):
    if name == "queue":
        # The C SimpleQueue blocks the whole interpreter; the pure-Python one waits on our locks (named as the C
        # one, which is what a program prints).
        module.SimpleQueue = type("SimpleQueue", (module._PySimpleQueue,), {"__module__": "_queue", "__doc__": module._PySimpleQueue.__doc__})


_finder = ModuleSwap(FRESH.__contains__, _patch)


def warm():
    """Fill the spec and code caches for the modules a run imports at once."""
    _finder.warm(EAGER)


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
        _finder.install()
        for name in EAGER:
            __import__(name)
        return modules["threading"]

    def restore(self):
        modules = sys.modules
        _finder.uninstall()
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
