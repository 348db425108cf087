"""Fresh copies of standard-library modules for each run, executed from code compiled once per interpreter.

The thread runtime (threads/_modules.py: threading, queue, concurrent.futures, logging over our `_thread`) and the
process runtime (processes/_modules.py: multiprocessing with browser pieces) both take modules out of sys.modules
for the length of a run and import them again through a meta-path finder placed first. This is that finder: it
asks the ordinary path finder where a module lives once (zipimport compiles a module just to name its file), keeps
the compiled code object (compiling threading.py and friends costs a few hundred ms; executing the cached code, a
few ms), and lets its owner patch each module right after it executes. Modules compiled into the memory snapshot
(interleave/preload.py PRECOMPILED) come with their spec and code: nothing is compiled for them.
"""

import importlib.machinery
import sys


def put_back(target, saved):
    """Undoes a run's attribute patches: `saved` maps each patched name of `target` (a module) to what it was, None
    for a name the module did not have."""
    for name, value in saved.items():
        if value is None:
            try:
                delattr(target, name)
            except AttributeError:
                pass
        else:
            setattr(target, name, value)


def _precompiled(name):
    """(spec, code) of a module compiled into the memory snapshot, or None."""
    return getattr(sys.modules.get("interleave.preload"), "PRECOMPILED", {}).get(name)


class _CachedLoader:
    """Executes the cached code object; everything else (get_source for tracebacks, ...) is the real loader's."""

    def __init__(self, inner, swap):
        self._inner = inner
        self._swap = swap

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__spec__.name
        exec(self._swap.code_of(name, self._inner), module.__dict__)
        self._swap.after_exec(name, module)


class ModuleSwap:
    """A meta-path finder serving the modules `serves(name)` accepts; `after_exec(name, module)` patches each one."""

    def __init__(self, serves, after_exec=None):
        self._serves = serves
        self._after_exec = after_exec
        self._code = {}  # name -> code object
        self._specs = {}  # name -> (loader, origin, submodule_search_locations)

    def code_of(self, name, loader):
        code = self._code.get(name)
        if code is None:
            pre = _precompiled(name)
            code = self._code[name] = pre[1] if pre is not None else loader.get_code(name)
        return code

    def after_exec(self, name, module):
        if self._after_exec is not None:
            self._after_exec(name, module)

    def find_spec(self, name, path=None, target=None):
        if not self._serves(name):
            return None
        found = self._specs.get(name)
        if found is None:
            pre = _precompiled(name)
            spec = pre[0] if pre is not None else importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return None
            found = self._specs[name] = (spec.loader, spec.origin, spec.submodule_search_locations)
        loader, origin, locations = found
        spec = importlib.machinery.ModuleSpec(name, _CachedLoader(loader, self), origin=origin, is_package=locations is not None)
        if locations is not None:
            spec.submodule_search_locations = list(locations)
        spec.has_location = origin is not None
        return spec

    def package_path(self, name):
        """Where a served package's submodules are, from sys.modules or else from its cached spec."""
        path = getattr(sys.modules.get(name), "__path__", None)
        if path is None and name in self._specs and self._specs[name][2]:
            path = [self._specs[name][2][0]]
        return path

    def warm(self, names):
        """Fill the spec and code caches for `names` (a spare worker has time; a run imports them at once)."""
        for name in names:
            if name in self._code:
                continue
            parent = name.rpartition(".")[0]
            spec = self.find_spec(name, self.package_path(parent) if parent else None)
            if spec is not None:
                self.code_of(name, spec.loader._inner)

    def install(self):
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def uninstall(self):
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
