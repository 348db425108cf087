# For the conformance suite only (tests/conformance/multiprocessing-spec.ts puts this folder on PYTHONPATH):
# python3 on Linux defaults to fork (3.11-3.13) or forkserver (3.14); the browser runtime has only spawn, the
# default on macOS and Windows. Make spawn the default here too, without fixing it (programs may still call
# set_start_method), and rebind the package's functions as multiprocessing/__init__.py binds them.
import multiprocessing
import multiprocessing.context as _context

_context._default_context = _context.DefaultContext(_context._concrete_contexts["spawn"])
for _name in multiprocessing.__all__:
    setattr(multiprocessing, _name, getattr(_context._default_context, _name))
