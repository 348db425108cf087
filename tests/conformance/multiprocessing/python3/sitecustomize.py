# For the conformance suite only (tests/conformance/multiprocessing-spec.ts puts this folder on PYTHONPATH):
# python3 on Linux defaults to fork (3.11-3.13) or forkserver (3.14); the browser runtime has only spawn, the
# default on macOS and Windows. Make spawn the default here too, without fixing it (programs may still call
# set_start_method), and rebind the package's functions as multiprocessing/__init__.py binds them. fork and
# forkserver do not exist in the browser, as on Windows, where multiprocessing/context.py has only spawn in
# _concrete_contexts: take them out here too, so asking for them fails as it fails there ("cannot find context").
import multiprocessing
import multiprocessing.context as _context
import sys

for _method in ("fork", "forkserver"):
    _context._concrete_contexts.pop(_method, None)
_context._default_context = _context.DefaultContext(_context._concrete_contexts["spawn"])


def _get_all_start_methods(self):
    # Before 3.14 this list was written out per platform; 3.14 derives it from the contexts that exist (the default
    # first), which is what the browser runtime (CPython 3.14) answers.
    default = self._default_context.get_start_method()
    return [default] + [name for name in _context._concrete_contexts if name != default]


if sys.version_info < (3, 14):
    _context.DefaultContext.get_all_start_methods = _get_all_start_methods

for _name in multiprocessing.__all__:
    setattr(multiprocessing, _name, getattr(_context._default_context, _name))
