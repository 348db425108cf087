"""faulthandler over green threads: `dump_traceback(all_threads=True)`, the `dump_traceback_later` watchdog and
`register(signum)`.

CPython's faulthandler walks every thread state's frame chain (Python/traceback.c `_Py_DumpTracebackThreads`,
`dump_traceback`, `dump_frame`, `write_thread_id`) and its watchdog is a C thread of its own that waits `timeout`
seconds without the GIL, then dumps every thread and, with exit=True, calls `_exit(1)` (Modules/faulthandler.c
`faulthandler_thread`). Here a parked green thread's frames cannot be walked (its entry frames live on stack memory
that other threads reuse: see README "Why switching inside the signal handler is safe"), so the scheduler keeps each
thread's visible stack as it parks (`stack_here`, a tuple of (code, instruction offset) pairs, innermost first), and
the watchdog is a deadline of the scheduler's, checked where time passes: at preemption checks of the running
thread, and whenever the scheduler looks for the next thread to run (which is also how an idle, deadlocked program
waits for it). What is printed is CPython's text: "Thread 0x… (most recent call first):", "  File "…", line N in f",
newest thread first, the caller marked "Current thread" (never by the watchdog), at most 100 frames and 100 threads,
strings cut at 500 characters and escaped to ASCII. The runtime's own frames are left out: in CPython they are C.

`register(signum, file, all_threads, chain)` installs a C signal handler in CPython (Modules/faulthandler.c
`faulthandler_register_py`, `faulthandler_user`) that dumps the stacks as soon as the signal arrives, in whatever
thread took it (marked "Current thread"), and then, with chain=True, calls the handler it replaced; the signal's
Python-level handler is not run otherwise. Here the signals a program sends itself (`signal.raise_signal`,
`os.kill(os.getpid(), …)`) are delivered by the thread runtime (_signals.deliver), which does the same. A later
`signal.signal()` for that signal replaces faulthandler's handler, as its sigaction() does in CPython.
"""

import faulthandler
import os
import signal
import sys

from .. import _visible
from . import _report

MAX_FRAME_DEPTH = 100
MAX_NTHREADS = 100
MAX_STRING_LENGTH = 500
_HIDDEN = (_report._RUNTIME_DIR, "/lib/python3.14/site-packages/_pyodide/", "/lib/python3.14/site-packages/pyodide/")
_ID_WIDTH = 16  # sizeof(unsigned long) * 2 on the 64-bit Linux that the idents imitate (_core._IDENT_BASE)
_NSIG = 65  # Py_NSIG on Linux
# The signals faulthandler.enable() handles (faulthandler_handlers): register() refuses them.
_FATAL = frozenset(getattr(signal, name) for name in ("SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGSEGV") if hasattr(signal, name))


def stack_here(frame):
    """The frames CPython would show from `frame` outwards, as (code, f_lasti) pairs: the runtime's own left out."""
    out = []
    while frame is not None and len(out) <= MAX_FRAME_DEPTH:
        code = frame.f_code
        if not code.co_filename.startswith(_HIDDEN):
            out.append((code, frame.f_lasti))
        frame = frame.f_back
    return tuple(out)


def _ascii(text):
    """_Py_DumpASCII: printable ASCII as is, anything else escaped; cut at 500 characters with '...'."""
    cut = len(text) > MAX_STRING_LENGTH
    parts = []
    for ch in text[:MAX_STRING_LENGTH]:
        o = ord(ch)
        if 32 <= o <= 126:
            parts.append(ch)
        elif o <= 0xFF:
            parts.append(f"\\x{o:02x}")
        elif o <= 0xFFFF:
            parts.append(f"\\u{o:04x}")
        else:
            parts.append(f"\\U{o:08x}")
    return "".join(parts) + ("..." if cut else "")


def _line(code, lasti):
    for start, end, line in code.co_lines():
        if start <= lasti < end:
            return line
    return None


def _format_stack(stack, out):
    if not stack:
        out.append("  <no Python frame>\n")
        return
    for depth, (code, lasti) in enumerate(stack):
        if depth >= MAX_FRAME_DEPTH:
            out.append("  ...\n")
            break
        line = _line(code, lasti)
        out.append(f'  File "{_ascii(code.co_filename)}", line {"???" if line is None else line} in {_ascii(code.co_name)}\n')


def _format_threads(sched, current, live):
    """Every thread, newest first (CPython prepends each new thread state to the interpreter's list)."""
    out = []
    threads = sorted(sched.threads.values(), key=lambda t: t.index, reverse=True)
    for n, t in enumerate(threads):
        if n:
            out.append("\n")
        if n >= MAX_NTHREADS:
            out.append("...\n")
            break
        out.append(f"{'Current thread' if t is current else 'Thread'} 0x{t.ident:0{_ID_WIDTH}x} (most recent call first):\n")
        stack = live if t is sched.current and live is not None else t.stack
        _format_stack(stack or (), out)
    return "".join(out)


def _fileno(file):
    """faulthandler_get_fileno: None means sys.stderr; an int is a descriptor; else file.fileno(), then file.flush()."""
    if file is None:
        file = sys.stderr
        if file is None:
            raise RuntimeError("sys.stderr is None")
    if isinstance(file, int) and not isinstance(file, bool):
        if file < 0:
            raise ValueError("file is not a valid file descriptor")
        return file
    fd = file.fileno()
    if not isinstance(fd, int) or fd < 0:
        raise RuntimeError("file.fileno() is not a valid file descriptor")
    try:
        file.flush()
    except Exception:  # noqa: BLE001 - CPython ignores a failed flush() here
        pass
    return fd


def _write(fd, text):
    data = text.encode("ascii", "backslashreplace")
    while data:
        try:
            written = os.write(fd, data)
        except InterruptedError:
            continue
        except OSError:
            return  # _Py_write_noraise: a dump never raises for a failed write
        data = data[written:]


def _timeout_header(seconds):
    """format_timeout (Modules/faulthandler.c): "Timeout (0:00:02)!" or, with microseconds, "(0:00:00.200000)"."""
    us = round(seconds * 1e6)
    sec, us = divmod(us, 1_000_000)
    minutes, sec = divmod(sec, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours}:{minutes:02d}:{sec:02d}"
    if us:
        text += f".{us:06d}"
    return f"Timeout ({text})!\n"


class Watchdog:
    """One dump_traceback_later(): a deadline on the scheduler's clock."""

    __slots__ = ("timeout", "repeat", "fd", "file", "exit", "deadline")

    def __init__(self, timeout, repeat, fd, file, exit, now):
        self.timeout = timeout
        self.repeat = repeat
        self.fd = fd
        self.file = file  # kept alive, as CPython keeps a reference to it
        self.exit = exit
        self.deadline = now + timeout


class UserSignal:
    """One register(): where to dump, and how."""

    __slots__ = ("fd", "file", "all_threads", "chain", "replaced", "previous")

    def __init__(self, fd, file, all_threads, chain, previous):
        self.fd = fd
        self.file = file  # kept alive, as CPython keeps a reference to it
        self.all_threads = all_threads
        self.chain = chain
        self.replaced = False  # a later signal.signal() took the signal back (see _visible._signal)
        self.previous = previous  # the process's handler it replaced (_visible.process_handler), put back by unregister


def dump_for_signal(sched, user, frame):
    """A registered signal arrived (faulthandler_user): the stacks, the thread that took it marked "Current thread",
    its own stack from `frame` (where the signal was raised)."""
    live = stack_here(frame)
    if user.all_threads:
        _write(user.fd, _format_threads(sched, sched.me() or sched.main, live))
    else:
        out = ["Stack (most recent call first):\n"]
        _format_stack(live, out)
        _write(user.fd, "".join(out))


class Patch:
    """faulthandler's dump functions for one run; restore() puts the C ones back (and cancels the watchdog and
    the registered signals, as the interpreter's finalisation does)."""

    NAMES = ("dump_traceback", "dump_traceback_later", "cancel_dump_traceback_later", "register", "unregister")

    def __init__(self, sched):
        self.sched = sched
        self.saved = {}

    def install(self):
        from .. import _visible

        for name in self.NAMES:
            original = getattr(faulthandler, name)
            self.saved[name] = original
            setattr(faulthandler, name, _visible.like_builtin(getattr(self, name), original))

    def restore(self):
        self.sched.watchdog = None
        _visible.fault_signals.clear()
        _visible.c_handlers.clear()
        for name, original in self.saved.items():
            setattr(faulthandler, name, original)
        self.saved.clear()

    # ---- the module's functions ----------------------------------------------------------------------------

    def dump_traceback(self, file=None, all_threads=True):
        fd = _fileno(file)
        sched = self.sched
        sched.keep_stacks = True
        live = stack_here(sys._getframe(1))
        me = sched.me() or sched.main
        if all_threads:
            _write(fd, _format_threads(sched, me, live))
        else:
            out = ["Stack (most recent call first):\n"]
            _format_stack(live, out)
            _write(fd, "".join(out))

    def dump_traceback_later(self, timeout, repeat=False, file=None, exit=False):
        # The argument checks are CPython's own: the C function raises them before it tries to start its thread.
        original = self.saved["dump_traceback_later"]
        try:
            original(timeout, repeat, sys.stderr if file is None else file, exit)
        except RuntimeError as exc:
            if "watchdog thread" not in str(exc):
                raise
        fd = _fileno(file)
        sched = self.sched
        sched.keep_stacks = True
        sched.watchdog = Watchdog(float(timeout), bool(repeat), fd, file, bool(exit), sched.clock.now())
        sched._ticker_update()  # a busy program must still be looked at when the deadline comes

    def cancel_dump_traceback_later(self):
        self.sched.watchdog = None
        self.sched._ticker_update()

    def register(self, signum, file=None, all_threads=True, chain=False):
        # The checks and their order are faulthandler_register_py's.
        signum = _visible.c_int(signum)
        all_threads = bool(all_threads)  # "p": any object's truth
        chain = bool(chain)
        if signum in _FATAL:
            raise RuntimeError(f"signal {signum} cannot be registered, use enable() instead")
        if not 1 <= signum < _NSIG:
            raise ValueError("signal number out of range")
        fd = _fileno(file)
        self.sched.keep_stacks = True
        user = _visible.fault_signals.get(signum)
        if user is None:
            # Not registered yet: faulthandler's handler takes the signal and the one it replaces is saved. Once
            # registered, another register() only changes where and how it dumps: it saves nothing and does not
            # take back a signal that signal.signal() took (CPython: `if (!user->enabled)`).
            _visible.fault_signals[signum] = UserSignal(fd, file, all_threads, chain, _visible.process_handler(signum))
            _visible.publish_dispositions()
        else:
            user.fd, user.file, user.all_threads, user.chain = fd, file, all_threads, chain

    def unregister(self, signum, /):
        signum = _visible.c_int(signum)
        if not 1 <= signum < _NSIG:
            raise ValueError("signal number out of range")
        user = _visible.fault_signals.pop(signum, None)
        if user is None:
            return False
        # The handler register() saved is the process's again, even if signal.signal() took the signal in between:
        # the signal module then still shows its handler, which the process no longer calls.
        _visible.put_back_handler(signum, user.previous)
        return True


def fire(sched, now, running):
    """The watchdog's deadline has passed: dump every thread (none is "current": the watchdog is not a Python
    thread) and exit, repeat or disarm. `running`: the stack of the thread on the CPU, if the check runs on it.
    Returns the exception that ends the program (exit=True), for the caller to deliver."""
    w = sched.watchdog
    _write(w.fd, _timeout_header(w.timeout) + _format_threads(sched, None, running))
    if w.exit:
        sched.watchdog = None
        return True
    if w.repeat and not sched.clock.virtual:
        w.deadline = now + w.timeout
    else:
        # A repeating watchdog on the virtual clock would dump for ever in no time once every thread waits:
        # one dump there (README "What is still simplified").
        sched.watchdog = None
    sched._ticker_update()
    return False
