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

from .. import _visible
from . import _core, _preempt


def deliver(sched, signum, here, frame=None):
    """Signal `signum` for the process, from the scheduler (`here`: as in Scheduler.clock_deadlines_due) or from a
    signal handler or signal.raise_signal called in `frame`."""
    handler = _visible.real_getsignal(signum)
    if getattr(handler, "wakes_event_loop", False):
        handler(signum, None)  # an event loop's (add_signal_handler): queues its callback and wakes the loop
        return
    shown = _visible.shown_handler(signum)
    if shown == signal.SIG_IGN:
        return
    if callable(shown):
        call = _core.SignalCall(shown, signum)
        if not deferred_to_jump_target(sched, frame, call):
            sched.signal_main(call, here)
        return
    if signum not in (signal.SIGINT, signal.SIGPIPE):
        os.write(2, (signal.strsignal(signum) + "\n").encode())  # what bash prints for a process a signal ended
    sched.exit_program(128 + signum, here)


def deferred_to_jump_target(sched, frame, exc):
    """The main thread took the signal inside a monitoring callback of a loop's back-edge (counted and schedule
    preemption): its exception or handler is left for the jump's target (_preempt.defer_from_jump)."""
    return frame is not None and sched.me() is sched.main and _preempt.defer_from_jump(frame, exc)
