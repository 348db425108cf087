"""Clocks for the scheduler, and the `time` functions a run sees.

Realistic mode uses the real monotonic clock; only time.sleep changes (it lets other threads run). The
deterministic mode uses a virtual clock so that a seed fully determines the run: time advances by a fixed amount
per switch point executed and jumps forward when every thread sleeps, so sleeps take no real time.
"""

import time as _time

from .. import _visible

_real_monotonic = _time.monotonic
_real_perf_counter = _time.perf_counter
_real_time = _time.time
_real_process_time = _time.process_time

# Virtual seconds per eval-breaker point executed in the learner's code (see _preempt.py). A CPU-bound loop of
# a million iterations then "takes" 0.1 s, the order of magnitude of the real thing.
POINT_SECONDS = 1e-7


class RealClock:
    virtual = False

    def __init__(self):
        self.now = _real_monotonic

    def advance(self, seconds):
        pass

    def advance_to(self, t):
        pass


class VirtualClock:
    virtual = True

    def __init__(self):
        self.t = _real_monotonic()
        self.mono0 = self.t
        self.wall0 = _real_time()
        self.perf0 = _real_perf_counter()

    def now(self):
        return self.t

    def advance(self, seconds):
        self.t += seconds

    def advance_to(self, t):
        if t > self.t:
            self.t = t


class IdleTime:
    """Seconds of the run during which nothing of the program executed: every thread asleep or waiting.

    Pyodide's time.process_time() is the wall clock (WebAssembly has no processor-time clock), so a program that
    sleeps would see its sleep counted as processor time. The run's process_time() subtracts this instead, which
    gives what CPython reports: sleeping and waiting cost no processor time.
    """

    def __init__(self):
        self.total = 0.0
        self.since = None

    def start(self):
        if self.since is None:
            self.since = _real_monotonic()

    def stop(self):
        if self.since is not None:
            self.total += _real_monotonic() - self.since
            self.since = None

    def now(self):
        return self.total + (_real_monotonic() - self.since if self.since is not None else 0.0)


def patch_process_time(patch, idle):
    def process_time():
        return max(0.0, _real_process_time() - idle.now())

    def process_time_ns():
        return int(process_time() * 1e9)

    for name, fn in (("process_time", process_time), ("process_time_ns", process_time_ns)):
        patch.set(name, _visible.like_builtin(fn, getattr(_time, name)))


class TimePatch:
    """Replaces functions of the `time` module for the length of a run, and puts them back."""

    def __init__(self):
        self.saved = {}

    def set(self, name, fn):
        if name not in self.saved:
            self.saved[name] = getattr(_time, name)
        setattr(_time, name, fn)

    def restore(self):
        for name, fn in self.saved.items():
            setattr(_time, name, fn)
        self.saved.clear()


def make_sleep(state, fallback, idle=None):
    def sleep(secs, /):
        if not isinstance(secs, (int, float)):
            try:
                secs = float(secs)
            except (TypeError, ValueError):
                raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer or float") from None
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        s = state.sched
        t = s.me() if s is not None and not s.inline else None
        if t is None:
            if s is not None and s.clock.virtual:
                s.clock.advance(secs)
                return None
            if idle is None:
                return fallback(secs)
            idle.start()
            try:
                return fallback(secs)
            finally:
                idle.stop()
        s.sleep(t, secs)
        return None

    # Prints, pickles and binds as python3's C function (<built-in function sleep>); Pyodide's own time.sleep is a
    # Python wrapper of it (pyodide/webloop.py, functools.wraps).
    return _visible.like_builtin(sleep, getattr(fallback, "__wrapped__", fallback))


def patch_virtual(patch, clock):
    def monotonic():
        return clock.t

    def perf_counter():
        return clock.perf0 + (clock.t - clock.mono0)

    def time():
        return clock.wall0 + (clock.t - clock.mono0)

    def ns(fn):
        def wrapper():
            return int(fn() * 1e9)

        return wrapper

    for name, fn in (("monotonic", monotonic), ("perf_counter", perf_counter), ("time", time)):
        patch.set(name, _visible.like_builtin(fn, getattr(_time, name)))
        patch.set(name + "_ns", _visible.like_builtin(ns(fn), getattr(_time, name + "_ns")))
