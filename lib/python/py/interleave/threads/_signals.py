"""Signals for the program, delivered as CPython's process takes them.

CPython runs a Python-level handler only in the main thread, at its next eval-breaker check, whichever thread the
signal came to (Modules/signalmodule.c: trip_signal only flags it; _PyErr_CheckSignalsTstate returns at once outside
the main thread). A signal set to SIG_IGN does nothing; one left at SIG_DFL takes the kernel's default action, which
for most signals ends the process at once, without clean-up: a shell then prints the signal's name ("Alarm clock",
"Terminated") and reports status 128 + the signal's number. Pyodide's C library turns that default action into a
crash of the interpreter, so the runtime carries it out itself (ending the run, not the interpreter).
"""

import os
import signal
import sys

from .. import _swap, _visible, ack_interrupt
from . import _core, _faulthandler, _preempt


def deliver(sched, signum, here, frame=None):
    """Signal `signum` for the process, from the scheduler (`here`: as in Scheduler.clock_deadlines_due; also
    True for Stop's callback from the page while every thread waits) or from a signal handler or
    signal.raise_signal called in `frame`."""
    user = _visible.fault_dump(signum)
    if user is not None:
        _faulthandler.dump_for_signal(sched, user, frame)
        if not user.chain:
            return
    kept = _visible.c_handlers.get(signum)
    if kept is not None:
        # faulthandler.unregister() put back a handler that the signal module's table does not show (_visible).
        if kept == signal.SIG_DFL and signum not in _visible.NOT_FATAL:
            _default_action(sched, signum, here)
        # SIG_IGN; a default that ignores; or the signal module's C handler, which ignores a table entry of SIG_DFL
        # or SIG_IGN (Modules/signalmodule.c, _PyErr_CheckSignalsTstate): the table's is not a Python handler here,
        # or the entry would have been forgotten.
        return
    handler = _visible.real_getsignal(signum)
    if getattr(handler, "wakes_event_loop", False):
        handler(signum, None)  # an event loop's (add_signal_handler): queues its callback and wakes the loop
        if here and sched.current is None:
            # Called from the page while every thread waited: the loop's thread was woken, let it run.
            nxt = sched._next_runner()
            if nxt is not None:
                sched._resume(nxt)
        return
    shown = _visible.shown_handler(signum)
    if shown == signal.SIG_IGN:
        return
    if signum == signal.SIGINT:
        _interrupt(sched, frame)
        return
    if callable(shown):
        call = _core.SignalCall(shown, signum)
        if not deferred_to_jump_target(sched, frame, call):
            sched.signal_main(call, here)
        return
    _default_action(sched, signum, here)


def _default_action(sched, signum, here):
    """A signal left at SIG_DFL whose default action ends the process: ended at once, without clean-up."""
    if signum != signal.SIGPIPE:
        os.write(2, (signal.strsignal(signum) + "\n").encode())  # what bash prints for a process a signal ended
    sched.exit_program(128 + signum, here)


def _interrupt(sched, frame):
    """SIGINT: the program's handler, else CPython's default_int_handler (KeyboardInterrupt), in the main thread at
    once, even when Stop comes while every thread waits; a blocking wait of the main thread is interrupted."""
    # The page repeats SIGINT until it hears that one arrived; after that, a SIGINT is a second Stop, which goes to
    # the handler again, as a second Ctrl+C does.
    ack_interrupt()
    sched.stopping = True
    program = _visible.program_handler(signal.SIGINT)
    exc = KeyboardInterrupt() if program is None else _core.SignalCall(program, signal.SIGINT)
    if not deferred_to_jump_target(sched, frame, exc):
        sched.interrupt_main(exc)


def deferred_to_jump_target(sched, frame, exc):
    """The main thread took the signal inside a monitoring callback of a loop's back-edge (counted and schedule
    preemption): its exception or handler is left for the jump's target (_preempt.defer_from_jump)."""
    return frame is not None and sched.me() is sched.main and _preempt.defer_from_jump(frame, exc)


class KillPatch:
    """os.kill for one run. Pyodide's refuses every pid (its C library has no processes: PermissionError, errno 63).
    Here a process may signal itself, as signal.raise_signal does (os.kill(os.getpid(), SIGUSR1), a classic way to
    trigger a handler or faulthandler.register's dump), and signal 0 asks whether a pid exists; another process of
    the run (multiprocessing's children) gets the signal from the page (interleave.processes.signal_process)."""

    def __init__(self):
        self.saved = {}

    def install(self):
        original = getattr(os, "kill", None)
        if original is not None:
            self.saved["kill"] = original
            os.kill = _visible.like_builtin(kill, original)

    def restore(self):
        _swap.put_back(os, self.saved)
        self.saved.clear()


def kill(pid, sig, /):
    pid = _visible.c_int(pid)
    # posixmodule.c os_kill_impl takes the signal as a Py_ssize_t and passes it to kill(2) as an int.
    signum = _visible.c_index(sig)
    if not -(2**63) <= signum < 2**63:
        raise OverflowError("Python int too large to convert to C ssize_t")
    signum = (signum + 2**31) % 2**32 - 2**31
    if not 0 <= signum < 65:  # kill(2): EINVAL for a signal number the kernel does not know
        raise OSError(22, "Invalid argument")
    if pid in (0, os.getpid()):  # 0: the process group, which here is this process (and none of a shell's)
        if signum:
            signal.raise_signal(signum)  # the program's view of it (_visible._raise_signal): the runtime delivers what it must
        return None
    processes = sys.modules.get("interleave.processes")
    if pid > 0 and processes is not None and processes.signal_process(pid, signum):
        return None
    raise ProcessLookupError(3, "No such process")
