"""Preemption: taking the GIL away from a running thread at CPython's own switch points.

CPython switches threads only at "eval-breaker" checks: function entry (RESUME), loop back-edges
(JUMP_BACKWARD) and after calls. So `counter += 1` in a loop is never split, while a read and a write with a
call in between can be. Both sources below switch exactly there:

- SignalPreemption (realistic mode): a ticker outside the interpreter stores SIGUSR1 into Pyodide's interrupt
  buffer; the interpreter notices it at its next eval-breaker check and runs our handler in the running thread.
  It gives the GIL away once another thread has waited for it for one switch interval, as CPython's GIL does.
- CountedPreemption (deterministic mode, and realistic mode without a ticker): sys.monitoring counts the
  learner's code's switch points (backward jumps, calls, function starts and resumes). Deterministic mode takes
  each slice's length from the seeded generator; the fallback checks the real clock every so many points.

Neither switches while this package's own code runs (it would tear its bookkeeping): a tick landing there is
deferred to the end of the lock operation (Scheduler.run_deferred_tick).
"""

import signal
import sys

from . import _clock
from ._core import PACKAGE_DIR
from ._report import is_user_file

SIGUSR1 = signal.SIGUSR1
_IMPORT_FILE = "<frozen importlib._bootstrap>"


def _in_import(frame):
    # A switch in the middle of an import would let another thread see a half-initialised module (the
    # import locks cannot tell green threads apart), so wait until the import is done.
    f = frame
    while f is not None:
        if f.f_code.co_filename == _IMPORT_FILE:
            return True
        f = f.f_back
    return False


class _Base:
    def __init__(self, sched):
        self.sched = sched
        self.interval = sys.getswitchinterval()
        self.ticks = 0
        self.skipped = 0

    def _interval_changed(self, iv):
        self.interval = iv
        s = self.sched
        s.timeline.mark("switch-interval", s.clock.now(), intervalMs=round(iv * 1000, 6))

    def check(self, frame):
        """A tick in the running thread, outside this package: switch if another thread waited long enough."""
        s = self.sched
        iv = sys.getswitchinterval()
        if iv != self.interval:
            self._interval_changed(iv)
        now = s.clock.now()
        s._wake_expired(now)
        ready = s.ready
        if not ready or now - ready[0].ready_since < self.interval:
            return
        if frame is not None and _in_import(frame):
            return
        s.preempt(s.current)

    def close(self):
        pass


class SignalPreemption(_Base):
    """Switches at the next switch point after a SIGUSR1 tick, never inside the signal handler itself.

    Suspending a green thread's stack from within a signal handler (run_sync called under PyErr_CheckSignals)
    confuses Pyodide's stack switching: now and then, a later suspension resumed the stack parked in the handler
    instead of the one the scheduler chose, and two threads ran at once. So the handler only arms a one-shot
    sys.monitoring event (a backward jump or a call) on the code object that was running; its callback, an
    ordinary call from the eval loop like the counted mode's, makes the switch.

    Only backward jumps (loop back-edges) in the learner's own files are armed. Switching from CALL or PY_START
    events, or inside the standard library's threading code, still broke the same way now and then (seen with
    time.sleep(0) switches mixed with preemptions). The cost: a thread busy in recursion with no loop is not
    preempted until it reaches a loop, a sleep, a lock or its end."""

    TOOL = 5

    def __init__(self, sched, set_ticker):
        super().__init__(sched)
        self._set_ticker = set_ticker
        self.armed = set()
        m = sys.monitoring
        if m.get_tool(self.TOOL) is not None:
            m.free_tool_id(self.TOOL)
        m.use_tool_id(self.TOOL, "interleave preemption")
        e = m.events
        m.register_callback(self.TOOL, e.JUMP, self._jump)
        self.user = {}
        self.previous = signal.getsignal(SIGUSR1)
        signal.signal(SIGUSR1, self.handler)
        sched.on_ticker = self._ticker

    def _period_ms(self):
        # Tick twice per interval so a waiting thread gets the GIL between 1 and 1.5 intervals after asking.
        return min(max(self.interval * 500.0, 1.0), 5.0)

    def _ticker(self, on):
        self._set_ticker(self._period_ms() if on else 0)

    def _interval_changed(self, iv):
        super()._interval_changed(iv)
        if self.sched.ticker_on:
            self._set_ticker(self._period_ms())

    def _due(self):
        s = self.sched
        iv = sys.getswitchinterval()
        if iv != self.interval:
            self._interval_changed(iv)
        now = s.clock.now()
        s._wake_expired(now)
        ready = s.ready
        return bool(ready) and now - ready[0].ready_since >= self.interval

    def handler(self, signum, frame):
        s = self.sched
        self.ticks += 1
        if s.chooser is not None:
            return  # a schedule decides (explore() runs inside this run)
        if not s.in_green or s.current is None or frame is None:
            # Pyodide's own callbacks between two green threads: there is no thread to switch from.
            self.skipped += 1
            return
        if frame.f_code.co_filename.startswith(PACKAGE_DIR):
            s.tick_deferred = True
            return
        code = frame.f_code
        user = self.user.get(code.co_filename)
        if user is None:
            user = self.user[code.co_filename] = is_user_file(code.co_filename)
        if not user or not self._due():
            return
        if code not in self.armed:
            self.armed.add(code)
            e = sys.monitoring.events
            try:
                sys.monitoring.set_local_events(self.TOOL, code, e.JUMP)
            except (ValueError, TypeError):
                self.armed.discard(code)

    def _disarm(self):
        armed = self.armed
        self.armed = set()
        for code in armed:
            try:
                sys.monitoring.set_local_events(self.TOOL, code, 0)
            except (ValueError, TypeError):
                pass

    def _point(self):
        self._disarm()
        s = self.sched
        if not s.in_green or s.current is None:
            return
        frame = sys._getframe(2)
        if frame.f_code.co_filename.startswith(PACKAGE_DIR):
            s.tick_deferred = True
            return
        if _in_import(frame):
            return
        if self._due():
            s.preempt(s.current)

    def _jump(self, code, src, dest):
        if dest > src:
            return None  # forward jumps are not switch points
        self._point()
        return None

    def close(self):
        self._set_ticker(0)
        self._disarm()
        signal.signal(SIGUSR1, self.previous if self.previous is not None else signal.SIG_DFL)
        m = sys.monitoring
        try:
            for ev in (m.events.JUMP,):
                m.register_callback(self.TOOL, ev, None)
            m.free_tool_id(self.TOOL)
        except ValueError:
            pass


class CountedPreemption(_Base):
    TOOL = 4

    def __init__(self, sched, rng):
        super().__init__(sched)
        self.rng = rng
        self.user = {}
        self.slice = 0
        self.budget = 0
        self.points = 0
        m = sys.monitoring
        if m.get_tool(self.TOOL) is not None:
            m.free_tool_id(self.TOOL)
        m.use_tool_id(self.TOOL, "interleave threads")
        e = m.events
        m.register_callback(self.TOOL, e.JUMP, self._jump)
        m.register_callback(self.TOOL, e.CALL, self._call)
        m.register_callback(self.TOOL, e.PY_START, self._point)
        m.register_callback(self.TOOL, e.PY_RESUME, self._point)
        self._new_slice()
        m.set_events(self.TOOL, e.JUMP | e.CALL | e.PY_START | e.PY_RESUME)

    def _mean_slice(self):
        if self.rng is None:
            return 2000  # fallback: look at the clock every 2000 points
        # Deterministic slices average interval * 20000 points: 100 at the default 5 ms.
        return min(max(int(self.interval * 20000), 1), 100000)

    def _new_slice(self):
        mean = self._mean_slice()
        self.slice = self.rng.randint(1, 2 * mean - 1) if (self.rng is not None and mean > 1) else mean
        self.budget = self.slice

    def _classify(self, filename):
        user = is_user_file(filename)
        self.user[filename] = user
        return user

    def _point(self, code, offset):
        user = self.user.get(code.co_filename)
        if user is None:
            user = self._classify(code.co_filename)
        if not user:
            return sys.monitoring.DISABLE
        self.budget -= 1
        if self.budget <= 0:
            self._tick()
        return None

    def _call(self, code, offset, callable_, arg0):
        user = self.user.get(code.co_filename)
        if user is None:
            user = self._classify(code.co_filename)
        if not user:
            return sys.monitoring.DISABLE
        self.budget -= 1
        if self.budget <= 0:
            self._tick()
        return None

    def _jump(self, code, src, dest):
        if dest > src:
            return sys.monitoring.DISABLE  # forward jumps are not switch points
        user = self.user.get(code.co_filename)
        if user is None:
            user = self._classify(code.co_filename)
        if not user:
            return sys.monitoring.DISABLE
        self.budget -= 1
        if self.budget <= 0:
            self._tick()
        return None

    def _tick(self):
        s = self.sched
        if s.chooser is not None:
            self.budget = self.slice  # a schedule decides (explore() runs inside this run)
            return
        used = self.slice
        self.points += used
        self.ticks += 1
        s.clock.advance(used * _clock.POINT_SECONDS)
        iv = sys.getswitchinterval()
        if iv != self.interval:
            self._interval_changed(iv)
        self._new_slice()
        if not s.in_green or s.current is None:
            self.skipped += 1
            return
        if self.rng is not None:
            # Deterministic: every slice end is a switch, to a thread the generator picks.
            s._wake_expired(s.clock.now())
            if s.ready and not _in_import(sys._getframe(2)):
                s.preempt(s.current)
            return
        self.check(sys._getframe(2))

    def close(self):
        m = sys.monitoring
        try:
            m.set_events(self.TOOL, 0)
            for ev in (m.events.JUMP, m.events.CALL, m.events.PY_START, m.events.PY_RESUME):
                m.register_callback(self.TOOL, ev, None)
            m.free_tool_id(self.TOOL)
        except ValueError:
            pass
