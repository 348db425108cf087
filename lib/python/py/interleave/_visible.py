"""What the learner reads names nothing of the runtime.

The runtime replaces a few functions of the standard library (os.getpid, time.sleep, ...) and runs the learner's
program inside its own frames (the runner, the thread scheduler, the event loop). None of that may show in what
the program prints or is told, or the learner sees `install.<locals>.<lambda>` or a file under
/lib/interleave-runtime where python3 shows a built-in function or the learner's own line:

- `like_builtin(impl, original)`: a stand-in for a C function of the standard library that prints, pickles (by
  reference, to the same stand-in in a child process), compares and binds like the function it replaces.
- `begin()`/`end()` around a run: every stack summary the learner can see (tracebacks printed by CPython or by the
  traceback module, `traceback.print_stack()`, logging's exception output, asyncio debug mode's "created at") is
  built by `traceback.StackSummary._extract_from_extended_frame_gen`, which then leaves out the runtime's frames;
  and `signal.getsignal`/`signal.signal` report the runtime's own handlers (Stop's SIGINT handler, the thread
  runtime's preemption tick) as the defaults python3 has there (`default_int_handler`, `SIG_DFL`).
- `boot()`: a coroutine that is never awaited is reported at the learner's line that dropped it (the runtime's own
  frames are skipped, as `skip_file_prefixes` does); when no learner frame is running at all (the collection that
  follows each run, the runtime's equivalent of interpreter exit), it is reported as CPython 3.13+ reports one
  collected at exit: `<sys>:0: RuntimeWarning: coroutine '...' was never awaited`, with no tracemalloc hint
  (CPython gh-117535 changed "sys:1" to "<sys>:0" in 3.13; at exit its tracemalloc is no longer importable). Any
  other warning attributed to a runtime file is shown with that same "<sys>:0".
"""

import operator
import os
import signal
import sys
import traceback
import types
import warnings

RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Frames from these files are the runtime's (and Pyodide's own Python packages'), never the learner's.
HIDDEN_PREFIXES = (
    RUNTIME_DIR + "/",
    "/lib/python314.zip/_pyodide/",
    "/lib/python314.zip/pyodide/",
)

__all__ = ["HIDDEN_PREFIXES", "begin", "boot", "end", "hidden_file", "forget_program_handler", "like_builtin", "like_function", "program_handler", "set_trampoline", "shown_handler"]


def hidden_file(filename):
    return isinstance(filename, str) and filename.startswith(HIDDEN_PREFIXES)


# ---- stand-ins for functions of the standard library ----


class builtin_function_or_method:  # noqa: N801 - the name type() of a C function prints
    """Calls `impl`, and otherwise passes for the C function it stands in for.

    `repr()` is `<built-in function getpid>`, pickling is by reference to the module and name of the original
    (`posix.getpid`: a child process finds its own stand-in there), `isinstance(f, types.BuiltinFunctionType)` and
    `inspect.signature` work, and like a C function (unlike a Python one) it does not bind as a method when stored
    on a class. `type(f)` prints as the real type does; `type(f) is types.BuiltinFunctionType` is False."""

    __module__ = "builtins"

    def __init__(self, impl, original):
        # Not __wrapped__: inspect.signature would follow it to impl instead of reading __text_signature__.
        self._impl = impl
        self.__name__ = original.__name__
        self.__qualname__ = getattr(original, "__qualname__", original.__name__)
        self.__module__ = original.__module__
        self.__doc__ = original.__doc__
        self.__self__ = getattr(original, "__self__", None)
        self.__text_signature__ = getattr(original, "__text_signature__", None)

    def __call__(self, /, *args, **kwargs):
        return self._impl(*args, **kwargs)

    def __repr__(self):
        self_ = self.__self__
        if self_ is None or isinstance(self_, types.ModuleType):
            return f"<built-in function {self.__name__}>"
        return f"<built-in method {self.__name__} of {type(self_).__name__} object at {id(self_):#x}>"

    def __reduce__(self):
        return self.__qualname__

    @property
    def __class__(self):
        return types.BuiltinFunctionType


def like_function(impl, original):
    """A Python function standing in for another Python function: same name, qualified name, module and doc."""
    impl.__name__ = original.__name__
    impl.__qualname__ = original.__qualname__
    impl.__module__ = original.__module__
    impl.__doc__ = original.__doc__
    return impl


def c_index(value):
    """What a C function's integer argument takes (PyArg_Parse "i", Argument Clinic's int and pid_t): an int or an
    object with __index__, never a float."""
    if isinstance(value, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    return operator.index(value)


def c_int(value):
    """c_index, then the range of a C int, with CPython's OverflowError."""
    value = c_index(value)
    if not -(2**31) <= value < 2**31:
        raise OverflowError("signed integer is greater than maximum" if value > 0 else "signed integer is less than minimum")
    return value


def like_builtin(impl, original):
    """A stand-in for `original` that calls `impl`: see builtin_function_or_method (a Python original gets a Python
    function with its names instead)."""
    if isinstance(original, types.FunctionType):
        return like_function(impl, original)
    return builtin_function_or_method(impl, original)


# ---- stack summaries without the runtime's frames ----

_extract = traceback.StackSummary.__dict__["_extract_from_extended_frame_gen"].__func__
_active = [False]


def _without_runtime(klass, frame_gen, **kwargs):
    if _active[0]:
        frame_gen = (item for item in frame_gen if not hidden_file(item[0].f_code.co_filename))
    return _extract(klass, frame_gen, **kwargs)


_without_runtime.__name__ = _extract.__name__
_without_runtime.__qualname__ = _extract.__qualname__
_without_runtime.__module__ = _extract.__module__
_without_runtime.__doc__ = _extract.__doc__


# ---- signal handlers ----

real_getsignal = signal.getsignal
real_signal = signal.signal
real_raise_signal = signal.raise_signal


def _as_python3_has_it(signalnum, handler):
    """The runtime's own handler of a signal, shown as the default CPython has for it."""
    if callable(handler) and not getattr(handler, "wakes_event_loop", False):
        code = getattr(handler, "__code__", None) or getattr(getattr(handler, "__func__", None), "__code__", None)
        if code is not None and hidden_file(code.co_filename):
            return signal.default_int_handler if signalnum == signal.SIGINT else signal.SIG_DFL
    return handler


# Handlers the program set (signal.signal during a run), by signal. The real handler is the runtime's own instead
# (for SIGINT the one Stop reaches the program through; for other signals the thread runtime's): it runs the
# program's in the main thread, where CPython runs Python-level signal handlers (Modules/signalmodule.c:
# _PyErr_CheckSignalsTstate returns at once outside the main thread), whichever green thread held the GIL when the
# signal came. While SIGUSR1 is the preemption tick (realistic mode), its real handler stays the tick's: the
# program's disposition for it (a handler, or SIG_IGN) is only kept here, and signal.raise_signal(SIGUSR1) delivers
# it through the thread runtime (_raise_signal).
_programs = {}
# Signals faulthandler.register() took during a run (signum -> threads/_faulthandler.UserSignal): in CPython its C
# handler replaces the signal's; the thread runtime delivers them (see _raise_signal).
fault_signals = {}
# Signals whose process-level handler is not the one the signal module's table implies (signum -> SIG_DFL, SIG_IGN
# or PYTHON_HANDLER): faulthandler.unregister() put back the handler register() saved (CPython: sigaction with
# user->previous), while the table kept what a signal.signal() in between set. The next signal.signal() for the
# signal installs the table's again (forgets the entry).
c_handlers = {}
PYTHON_HANDLER = "python"  # the signal module's C handler: it calls the table's handler if that is a Python one
_runtime_sigint = [None]
_trampoline = [None]


def set_trampoline(handler):
    """The thread runtime's handler for signals other than SIGINT and SIGUSR1 (None: the runtime is not installed)."""
    _trampoline[0] = handler


def _trampoline_for(signalnum):
    if signalnum == signal.SIGINT:
        return _runtime_sigint[0]
    return _trampoline[0]


def _tick_owns(signalnum):
    """The signal's real handler is the runtime's and not a trampoline: the preemption tick's SIGUSR1."""
    current = real_getsignal(signalnum)
    return current is not _trampoline_for(signalnum) and _as_python3_has_it(signalnum, current) is not current


def program_handler(signalnum):
    """The handler the program set for a signal (a callable; for SIGINT other than default_int_handler), or None."""
    handler = _programs.get(signalnum)
    if not callable(handler):
        return None
    if real_getsignal(signalnum) is _trampoline_for(signalnum) or _tick_owns(signalnum):
        return handler
    return None


def without_run(signum, frame):
    """A runtime handler called while no thread runtime runs the program (between runs, or a run without threads):
    the program's handler if it set one, else CPython's default for SIGINT (KeyboardInterrupt); other signals are
    dropped. A SIGINT is Stop's (or Ctrl+C's): the page is told it arrived first."""
    if signum == signal.SIGINT:
        from . import ack_interrupt

        ack_interrupt()
    program = program_handler(signum)
    if program is not None:
        return program(signum, frame)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    return None


def shown_handler(signalnum):
    """The signal's disposition as the program sees it (what signal.getsignal returns during a run)."""
    return _getsignal(signalnum)


def forget_program_handler(signalnum):
    """A handler of the runtime's own has replaced the program's (an event loop's, loop.add_signal_handler): as in
    CPython, the program's is gone, and removing the loop's leaves the default."""
    _programs.pop(signalnum, None)


def _getsignal(signalnum):
    handler = program_handler(signalnum)
    if handler is not None:
        return handler
    if signalnum in _programs and _tick_owns(signalnum):
        return _programs[signalnum]  # SIG_IGN
    return _as_python3_has_it(signalnum, real_getsignal(signalnum))


def _table_handler(signalnum):
    """The process's handler that the signal module's table implies: SIG_DFL, SIG_IGN or PYTHON_HANDLER."""
    shown = _getsignal(signalnum)
    return PYTHON_HANDLER if callable(shown) else shown


# The signal the page rings when another process of the run sent this one signals (lib/python/shared-memory.ts:
# DOORBELL, SIGRTMAX). Its real handler is the thread runtime's (threads._on_doorbell), so, as with the preemption
# tick's SIGUSR1, a handler the program sets for it is kept in _programs and shown, and raise_signal delivers it.
DOORBELL = 64


# interleave_host, looked up once at boot when it has the functions for signals between processes (None under plain
# Node, or a page without them): publish_dispositions and the thread runtime's delivery of another process's signals
# run in clean-ups (the end of a run, a Stop's unwinding), where an import could wait for ever on an import lock that
# an abandoned thread still holds.
_signal_host = [None]


def signal_host():
    """The page's side of signals between processes (set_dispositions, take_signals, put_back_signals), or None."""
    return _signal_host[0]


def int32(mask):
    """A 32-bit mask as the page's Int32 slots hold it: bit 31 makes a negative number."""
    mask &= 0xFFFFFFFF
    return mask - (1 << 32) if mask >= 1 << 31 else mask


def publish_dispositions():
    """Tell the page what this process does with each signal now (a Python handler, SIG_IGN, or the default), so
    that a signal another process sends it (terminate(), os.kill) runs its handler, is ignored, or ends it as in
    CPython (lib/python/client/processes.ts). Signals 1 to 31 only; a higher one takes its default action."""
    handled = ignored = 0
    if _active[0]:
        for signalnum in range(1, 32):
            if fault_dump(signalnum) is not None:
                handled |= 1 << signalnum
                continue
            how = process_handler(signalnum)
            if how == PYTHON_HANDLER:
                handled |= 1 << signalnum
            elif how == signal.SIG_IGN:
                ignored |= 1 << signalnum
    host = _signal_host[0]
    if host is not None:
        host.set_dispositions(int32(handled), int32(ignored))


def process_handler(signalnum):
    """What the process would do with the signal now, as faulthandler.register() saves it."""
    kept = c_handlers.get(signalnum)
    return kept if kept is not None else _table_handler(signalnum)


def put_back_handler(signalnum, handler):
    """faulthandler.unregister(): the process's handler for the signal is `handler` again (from process_handler)."""
    if handler == _table_handler(signalnum):
        c_handlers.pop(signalnum, None)
    else:
        c_handlers[signalnum] = handler
    publish_dispositions()


def _signal(signalnum, handler):
    try:
        return _set_signal(signalnum, handler)
    finally:
        publish_dispositions()


def _set_signal(signalnum, handler):
    _only_in_main_thread()
    previous = _getsignal(signalnum)
    c_handlers.pop(signalnum, None)
    user = fault_signals.get(signalnum)
    if user is not None:
        user.replaced = True  # its sigaction() replaces faulthandler's handler, as in CPython
    if _tick_owns(signalnum) and _trampoline[0] is not None:
        if not (callable(handler) or handler in (signal.SIG_IGN, signal.SIG_DFL)):
            raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
        if handler == signal.SIG_DFL:
            _programs.pop(signalnum, None)
        else:
            _programs[signalnum] = handler
        return previous
    trampoline = _trampoline_for(signalnum)
    if trampoline is not None and callable(handler) and not getattr(handler, "wakes_event_loop", False):
        real_signal(signalnum, trampoline)  # raises as CPython does for a signal that cannot be caught
        if signalnum == signal.SIGINT and handler is signal.default_int_handler:
            _programs.pop(signalnum, None)
        else:
            _programs[signalnum] = handler
        return previous
    real_signal(signalnum, handler)
    _programs.pop(signalnum, None)
    return previous


def _only_in_main_thread():
    """signal.signal() outside the main thread raises, as in CPython (every green thread is the one OS thread the
    interpreter knows, so its own check passes)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.current_thread() is not threading.main_thread():
        raise ValueError("signal only works in main thread of the main interpreter")


def _raise_signal(signalnum):
    """signal.raise_signal during a run with the thread runtime: a signal the runtime delivers itself (one whose
    real handler is the tick's, or whose default action ends the process, which Pyodide turns into a crash of the
    interpreter) goes to the thread runtime's trampoline, which acts as CPython's process would; others are raised."""
    trampoline = _trampoline[0]
    if trampoline is not None and (_tick_owns(signalnum) or _ends_process(signalnum) or fault_dump(signalnum) is not None or signalnum in c_handlers):
        trampoline(signalnum, sys._getframe(1))
        return None
    return real_raise_signal(signalnum)


# Signals whose default action is not to end the process (signal(7): ignore, or stop/continue).
NOT_FATAL = frozenset(getattr(signal, name) for name in ("SIGCHLD", "SIGURG", "SIGWINCH", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU") if hasattr(signal, name))


def fault_dump(signalnum):
    """faulthandler's registration of the signal while its handler is faulthandler's (threads/_faulthandler.py), or
    None."""
    user = fault_signals.get(signalnum)
    return user if user is not None and not user.replaced else None


def _ends_process(signalnum):
    return real_getsignal(signalnum) == signal.SIG_DFL and signalnum not in NOT_FATAL and signalnum in signal.valid_signals()


_getsignal = like_function(_getsignal, real_getsignal)
_signal = like_function(_signal, real_signal)
_raise_signal = like_builtin(_raise_signal, real_raise_signal)


def begin():
    """A learner's program is about to run (the runtime's set-up is done): until end(), stack summaries leave the
    runtime's frames out and signal.getsignal() shows the runtime's handlers as python3's defaults."""
    _active[0] = True
    current = real_getsignal(signal.SIGINT)
    _runtime_sigint[0] = current if callable(current) and _as_python3_has_it(signal.SIGINT, current) is not current else None
    _programs.clear()
    signal.getsignal = _getsignal
    signal.signal = _signal
    signal.raise_signal = _raise_signal
    publish_dispositions()


def end():
    """The program is over: the runtime's own error reports show its frames again."""
    _active[0] = False
    # The runner puts the warning filters back before the collection that ends the run; a warning issued then (a
    # coroutine never awaited) obeys the program's own, as at interpreter exit.
    _exit_filters[:] = warnings.filters
    signal.getsignal = real_getsignal
    signal.signal = real_signal
    signal.raise_signal = real_raise_signal
    _runtime_sigint[0] = None
    _programs.clear()
    publish_dispositions()  # nothing: between programs, a signal from another process finds none to run


# ---- coroutines never awaited ----

_at_exit_registry = {}
_exit_filters = []


def _ignored_at_exit(text, category, module, lineno):
    """Whether the program's filters (as they were when it ended) ignore this warning (Lib/_py_warnings.py's
    matching of warn_explicit)."""
    for action, msg, cat, mod, ln in _exit_filters:
        if (msg is None or msg.match(text)) and issubclass(category, cat) and (mod is None or mod.match(module)) and (ln == 0 or lineno == ln):
            return action == "ignore"
    return False


def _warn_unawaited_coroutine(coro):
    # CPython calls warnings._warn_unawaited_coroutine when a coroutine that never ran is freed (Python/_warnings.c,
    # _PyErr_WarnUnawaitedCoroutine); this is Lib/_py_warnings.py's version with the runtime's frames skipped.
    lines = [f"coroutine '{coro.__qualname__}' was never awaited\n"]
    if coro.cr_origin is not None:
        import linecache

        origin = [(f, n, name, linecache.getline(f, n)) for f, n, name in reversed(coro.cr_origin) if not hidden_file(f)]
        lines.append("Coroutine created at (most recent call last)\n")
        lines += traceback.format_list(origin)
    message = "".join(lines).rstrip("\n")
    frame = sys._getframe(1)
    while frame is not None and hidden_file(frame.f_code.co_filename):
        frame = frame.f_back
    if frame is None:
        # Nothing of the learner's is running: the program is over (or between two of its threads' turns).
        if not _ignored_at_exit(message, RuntimeWarning, "sys", 0):
            warnings.warn_explicit(message, RuntimeWarning, "<sys>", 0, module="sys", registry=_at_exit_registry)
        return
    warnings.warn(message, RuntimeWarning, stacklevel=2, source=coro, skip_file_prefixes=HIDDEN_PREFIXES)


_real_showwarnmsg = warnings._showwarnmsg


def _showwarnmsg(msg):
    # The last line of defence: a warning the standard library attributed to a frame of the runtime (a C warning
    # issued with stacklevel=1 while runtime code ran, say an async generator's aclose() never awaited when the
    # collection after a run frees it) is shown as one issued with no frame, as CPython 3.13+ shows those.
    if hidden_file(msg.filename):
        msg.filename, msg.lineno, msg.line = "<sys>", 0, None
    return _real_showwarnmsg(msg)


def boot():
    """Once per interpreter (the runner's boot)."""
    try:
        import interleave_host  # registered by the worker before the runner is imported
    except ImportError:  # plain Node (the thread runtime's own tests): no page to tell
        pass
    else:
        _signal_host[0] = interleave_host if hasattr(interleave_host, "take_signals") else None
    traceback.StackSummary._extract_from_extended_frame_gen = classmethod(_without_runtime)
    warnings._warn_unawaited_coroutine = like_function(_warn_unawaited_coroutine, warnings._warn_unawaited_coroutine)
    warnings._showwarnmsg = like_function(_showwarnmsg, _real_showwarnmsg)
