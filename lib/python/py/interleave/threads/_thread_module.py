"""The `_thread` module that threading.py is built on, re-implemented over green threads.

Created once per interpreter and put in sys.modules["_thread"] for the length of each run; its functions ask
the run's scheduler (_primitives.state.sched), so modules that keep a reference across runs still work.
"""

import _thread as _real
import sys
import types

from . import _core
from . import _primitives as P

MAIN_IDENT = _core._IDENT_BASE


def _sched():
    return P.state.sched


def _strip_own_frames(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_core.PACKAGE_DIR):
        tb = tb.tb_next
    return tb


def build():
    m = types.ModuleType("_thread", _real.__doc__)
    m.__spec__ = _real.__spec__  # prints as the built-in module it stands in for: <module '_thread' (built-in)>

    def get_ident():
        s = _sched()
        return s.get_ident() if s is not None else MAIN_IDENT

    def get_native_id():
        s = _sched()
        if s is None or s.current is None:
            return 42
        return s.current.native_id

    def _get_main_thread_ident():
        return MAIN_IDENT

    def _is_main_interpreter():
        return True

    def daemon_threads_allowed():
        return True

    def allocate_lock():
        return P.lock()

    def start_joinable_thread(function, handle=None, daemon=True):
        s = _sched()
        if s is None:
            raise RuntimeError("can't start new thread")
        if handle is None:
            handle = P._ThreadHandle()
        elif handle._ident:
            raise RuntimeError("thread already started")
        s.spawn(function, handle, bool(daemon))
        return handle

    def start_new_thread(function, args, kwargs=None, /):
        if not callable(function):
            raise TypeError("first arg must be callable")
        if not isinstance(args, tuple):
            raise TypeError("2nd arg must be a tuple")
        if kwargs is not None and not isinstance(kwargs, dict):
            raise TypeError("optional 3rd arg must be a dictionary")
        s = _sched()
        if s is None:
            raise RuntimeError("can't start new thread")

        def run():
            try:
                function(*args, **(kwargs or {}))
            except SystemExit:
                pass
            except BaseException as exc:  # noqa: BLE001 - reported as CPython does, via sys.unraisablehook
                exc.__traceback__ = _strip_own_frames(exc.__traceback__)
                _unraisable(exc, function)

        t = s.spawn(run, None, True)
        t.name_hint = getattr(function, "__name__", None)
        return t.ident

    def _count():
        s = _sched()
        return len(s.threads) - 1 if s is not None else 0

    def _shutdown():
        s = _sched()
        if s is None:
            return
        s.join_non_daemon()

    def interrupt_main(signum=2, /):
        _real.interrupt_main(signum)

    def exit():  # noqa: A001 - the name CPython uses
        raise SystemExit

    _stack = [0]

    def stack_size(size=0, /):
        if size != 0 and size < 32768:
            raise ValueError(f"size not valid: {size} bytes")
        old = _stack[0]
        _stack[0] = size
        return old

    for fn in (
        get_ident,
        get_native_id,
        _get_main_thread_ident,
        _is_main_interpreter,
        daemon_threads_allowed,
        allocate_lock,
        start_joinable_thread,
        start_new_thread,
        _count,
        _shutdown,
        interrupt_main,
        exit,
        stack_size,
    ):
        fn.__module__ = "_thread"
        fn.__qualname__ = fn.__name__
        setattr(m, fn.__name__, fn)
    m.allocate = allocate_lock
    m.start_new = start_new_thread
    m.exit_thread = exit
    m.lock = m.LockType = P.lock
    m.RLock = P.RLock
    m._ThreadHandle = P._ThreadHandle
    m._make_thread_handle = P._make_thread_handle
    m._local = P._local
    m.error = RuntimeError
    m.TIMEOUT_MAX = _real.TIMEOUT_MAX
    P.TIMEOUT_MAX = _real.TIMEOUT_MAX
    return m


def _unraisable(exc, obj):
    class UnraisableHookArgs:
        exc_type = type(exc)
        exc_value = exc
        exc_traceback = exc.__traceback__
        err_msg = "Exception ignored in thread started by"
        object = obj

    try:
        hook = sys.unraisablehook
        if hook is sys.__unraisablehook__:
            # The C default hook accepts only its own struct type; print what it prints.
            import traceback

            print(f"{UnraisableHookArgs.err_msg}: {obj!r}", file=sys.stderr)
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        else:
            hook(UnraisableHookArgs)
    except Exception:  # noqa: BLE001 - never let reporting break the scheduler
        pass
