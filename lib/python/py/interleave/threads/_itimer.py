"""signal.alarm, signal.setitimer / getitimer (ITIMER_REAL) and signal.pause over the green-thread scheduler.

Pyodide's `signal` has no alarm() and no setitimer() (its C library has no timers that raise signals), and its
pause() would block the browser's thread. On Linux, CPython's are the C library's (Modules/signalmodule.c:
signal_alarm_impl, signal_setitimer_impl, signal_pause_impl): the kernel sends SIGALRM to the process when the
timer runs out, it interrupts the main thread's blocking call (EINTR), and the Python-level handler runs there, at
the next eval-breaker check; if the handler returns, the call goes on (PEP 475). Here the timer is a deadline of the
scheduler's, on the run's clock (real or virtual), checked where time passes: at preemption checks of the running
thread (the ticker runs while a timer is set, so a busy loop is interrupted too) and when the scheduler waits. At
expiry SIGALRM is delivered as any signal is here (_signals.deliver): the program's handler, run in the main
thread; SIG_IGN, nothing; SIG_DFL, the signal's default action, which ends the process ("Alarm clock", exit
status 142, what a shell reports). ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time, which the
browser does not measure apart from waiting: they are refused as unsupported.
"""

import math
import operator
import signal
import sys
import types

from .. import _swap, _visible
from . import _report, _signals

# Seconds a pause() waits at once when nothing of the program's could end it (no timer, no other thread): only
# Stop can, as only Ctrl+C can in a terminal. A wait this long is not taken for a deadlock.
_FAR = 1e9


class ITimer:
    """The real-time interval timer: the clock time of its next expiry, and its period in microseconds (0: once)."""

    def __init__(self, deadline, interval_us):
        self.deadline = deadline
        self.interval_us = interval_us


def _microseconds(value):
    """setitimer's conversion of seconds to a struct timeval (Modules/signalmodule.c: timeval_from_double):
    nanoseconds rounded up (_PyTime_FromSecondsObject, _PyTime_ROUND_CEILING), then microseconds rounded up
    (_PyTime_AsTimeval, _PyTime_ROUND_CEILING)."""
    if isinstance(value, float):
        ns = math.ceil(value * 1e9)
    elif isinstance(value, int):
        ns = value * 1_000_000_000
    else:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer or float")
    return -(-ns // 1000)


def _seconds(us):
    """getitimer's conversion back (double_from_timeval): tv_sec + tv_usec / 1000000.0."""
    return us // 1_000_000 + (us % 1_000_000) / 1000000.0


def _names(name, signature, doc):
    """What a C function of the signal module that Pyodide lacks would print and pickle as."""
    return types.SimpleNamespace(__name__=name, __qualname__=name, __module__="signal", __doc__=doc, __self__=signal, __text_signature__=signature)


_ALARM_DOC = "Arrange for SIGALRM to arrive after the given number of seconds."
_SETITIMER_DOC = (
    "Sets given itimer (one of ITIMER_REAL, ITIMER_VIRTUAL or ITIMER_PROF).\n\n"
    "The timer will fire after value seconds and after that every interval seconds.\n"
    "The itimer can be cleared by setting seconds to zero.\n\n"
    "Returns old values as a tuple: (delay, interval)."
)


class Patch:
    """The signal module's timer functions for one run; restore() puts Pyodide's back and disarms the timer, as the
    process's end does."""

    def __init__(self, sched):
        self.sched = sched
        self.saved = {}

    def install(self):
        own = {
            "alarm": (self.alarm, _names("alarm", "($module, seconds, /)", _ALARM_DOC)),
            "setitimer": (self.setitimer, _names("setitimer", "($module, which, seconds, interval=0.0, /)", _SETITIMER_DOC)),
            "getitimer": (self.getitimer, getattr(signal, "getitimer", None)),
            "pause": (self.pause, getattr(signal, "pause", None)),
        }
        for name, (impl, original) in own.items():
            self.saved[name] = getattr(signal, name, None)
            if original is None:
                original = _names(name, "($module, /)", None)
            setattr(signal, name, _visible.like_builtin(impl, original))

    def restore(self):
        self.sched.itimer = None
        _swap.put_back(signal, self.saved)
        self.saved.clear()

    # ---- the module's functions ----------------------------------------------------------------------------

    def alarm(self, seconds, /):
        seconds = operator.index(seconds)
        if not -(2**31) <= seconds < 2**31:
            raise OverflowError("Python int too large to convert to C int")
        previous = self._set((seconds % 2**32) * 1_000_000, 0)[0]
        # glibc's alarm(): the seconds that were left, to the nearest, but never 0 while the old alarm was still set.
        whole = int(previous)
        if previous - whole >= 0.5 or (whole == 0 and previous > 0):
            whole += 1
        return whole

    def setitimer(self, which, seconds, interval=0.0, /):
        which = operator.index(which)
        delay = _microseconds(seconds)
        period = _microseconds(interval)
        if which not in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF) or delay < 0 or period < 0:
            raise signal.ItimerError(22, "Invalid argument")
        if which != signal.ITIMER_REAL:
            from .. import unsupported

            kind = "ITIMER_VIRTUAL" if which == signal.ITIMER_VIRTUAL else "ITIMER_PROF"
            raise unsupported.Unsupported(
                "threads",
                f"signal.setitimer(signal.{kind}, ...) counts the process's CPU time, which this browser runtime does not "
                "measure; signal.ITIMER_REAL (real time) works.",
            )
        return self._set(delay, period)

    def getitimer(self, which, /):
        which = operator.index(which)
        if which != signal.ITIMER_REAL:
            return self.saved["getitimer"](which)
        return self._current()

    def pause(self, /):
        """Wait for a signal whose handler runs (or whose default action ends the program)."""
        s = self.sched
        t = s.me()
        if t is None or s.inline:
            from .. import unsupported

            raise unsupported.threads()
        wait = _report.Wait("signal.pause()", None, sys._getframe(2))
        while True:
            far = None if s.clock.virtual else s.clock.now() + _FAR
            if s.block(t, wait, far) == "interrupt":
                return None  # a handler ran (in _pending_check) and returned

    # ---- the timer ------------------------------------------------------------------------------------------

    def _current(self):
        timer = self.sched.itimer
        if timer is None:
            return (0.0, 0.0)
        left_us = max(math.ceil((timer.deadline - self.sched.clock.now()) * 1e6), 1)
        return (_seconds(left_us), _seconds(timer.interval_us))

    def _set(self, delay_us, interval_us):
        s = self.sched
        if s.inline and delay_us > 0:
            from .. import unsupported

            raise unsupported.Unsupported("threads", f"This browser cannot run signal timers yet: SIGALRM needs {unsupported.NO_JSPI}.")
        previous = self._current()
        s.itimer = ITimer(s.clock.now() + delay_us / 1e6, interval_us) if delay_us > 0 else None
        s._ticker_update()
        return previous


def expired(sched, now, here):
    """The timer has run out: re-arm it (an interval timer) or disarm it, and send SIGALRM."""
    timer = sched.itimer
    if timer.interval_us > 0:
        # Expiries missed while nothing looked (a long computation between checks) count as one, as overruns do.
        interval = timer.interval_us / 1e6
        while timer.deadline <= now:
            timer.deadline += interval
    else:
        sched.itimer = None
        sched._ticker_update()
    _signals.deliver(sched, signal.SIGALRM, here)
