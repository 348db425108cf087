"""Preemption: taking the GIL away from a running thread at the switch points of the run's interpreter model.

See _points.py for the two models. The two sources of preemption:

- SignalPreemption (realistic mode): a ticker outside the interpreter stores SIGUSR1 into Pyodide's interrupt
  buffer; the interpreter notices it at its next eval-breaker check (Pyodide polls the buffer there,
  Python/emscripten_signal.c) and runs our handler in the running thread, at that check. Under the GIL model the
  handler switches right there, once another thread has waited for the GIL for one switch interval, as CPython's
  take_gil/drop_gil hand-off does: so the switch points are CPython's own, from the real interpreter (function
  entry, loop back-edges, after calls return), not a model of them. Under the free-threaded model the handler
  lets the thread run on a random handful of bytecodes first and switches between two of them (a one-shot
  sys.monitoring INSTRUCTION event on the running code), so a switch can fall inside `counter += 1`.
- CountedPreemption (deterministic mode, and realistic mode without a ticker): sys.monitoring finds the model's
  switch points in the learner's code (_points.monitoring_events) and counts them; the deterministic mode takes
  each slice's length from the seeded generator, the fallback looks at the real clock every so many points.

Neither switches while this package's own bookkeeping runs (it would tear it): a tick landing there is deferred
to the end of the lock operation (Scheduler.run_deferred_tick). Nor in the middle of an import (the import locks
cannot tell green threads apart), nor in Pyodide's own Python (its JavaScript callbacks between threads).

Switching from inside the signal handler (or a monitoring callback) suspends the thread's whole stack, handler
frame included, and resumes it there later. An earlier version avoided switching in the handler and at CALL
events because "now and then the wrong stack resumed"; the cause was CPython's incremental garbage collector
walking the frames of suspended threads on reused stack memory (pyodide#6464), fixed by our Pyodide patch
(lib/python/pyodide-patch). See README.md in this folder.
"""

import random
import signal
import sys

from . import _clock, _points
from ._core import PACKAGE_DIR, SignalCall
from ._report import is_user_file

try:
    from pyodide.ffi import can_run_sync as _can_run_sync
except ImportError:  # not in Pyodide (the runtime's own unit checks): no stack switching to guard

    def _can_run_sync():
        return True


SIGUSR1 = signal.SIGUSR1
_IMPORT_FILE = "<frozen importlib._bootstrap>"
_RUNTIME_DIR = PACKAGE_DIR.rsplit("/", 2)[0] + "/"  # .../interleave/ (runner, asyncio, processes, threads)
_SITE_PACKAGES = "/site-packages/"  # Pyodide's own Python (pyodide, _pyodide)
_NET_DIR = _RUNTIME_DIR + "net/"  # the loopback network: its calls are system calls, whatever they call in turn

# What switchable() says about a frame.
YES = 0  # switch here if due
DEFER = 1  # this package's bookkeeping is under way: act when the operation ends (Scheduler.run_deferred_tick)
NO = 2  # an import, or not a place a Python thread runs its own code: let this tick go

FT_SLICE = 0.001  # free-threaded model, realistic mode: the longest a ready thread waits to run (seconds)

# Code objects of this package that call the learner's code as a plain call (a thread's whole life runs under
# them); every other frame of the package on the stack means bookkeeping is under way. Filled by _core.
ENTRY_CODES = set()


def switchable(frame):
    """May the running thread be switched out while `frame` is its innermost frame?"""
    if frame is None:
        return NO
    if not _can_run_sync():
        # JavaScript has called into Python synchronously (a PyProxy call, a conversion's callback): this stack
        # cannot be suspended until that call returns (Pyodide would raise "Cannot stack switch"), so the tick
        # goes to the next switch point after it.
        return NO
    name = frame.f_code.co_filename
    if name.startswith(_RUNTIME_DIR):
        # The runtime itself: the thread runtime's bookkeeping waits for the end of the operation; the asyncio
        # and process runtimes stand for system calls, which a switch cannot split either.
        return DEFER if name.startswith(PACKAGE_DIR) and frame.f_code not in ENTRY_CODES else NO
    if _SITE_PACKAGES in name:
        return NO
    f = frame.f_back
    while f is not None:
        code = f.f_code
        name = code.co_filename
        if name == _IMPORT_FILE:
            return NO
        if name.startswith(PACKAGE_DIR):
            if code in ENTRY_CODES:
                return YES  # the frame that runs this thread's (or this trial's) code: what is below is not ours
            return DEFER  # the learner's code called from our bookkeeping (a finalizer, a thread-local's cleanup)
        if name.startswith(_NET_DIR):
            # The standard library's Python called by a socket call (ipaddress parsing an address, say): a switch
            # there would split the system call the network stands for, which CPython never does.
            return NO
        f = f.f_back
    return YES


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
    def __init__(self, sched, model):
        self.sched = sched
        self.model = model
        self.interval = sys.getswitchinterval()
        self.ticks = 0
        self.skipped = 0

    def _interval_changed(self, iv):
        self.interval = iv
        s = self.sched
        s.timeline.mark("switch-interval", s.clock.now(), intervalMs=round(iv * 1000, 6))

    def _slice(self):
        """How long a ready thread waits before the running one is switched out. With the GIL: the switch interval
        (take_gil asks the holder to drop it after waiting that long). Free-threaded 3.14t has no GIL and no such
        wait: threads run at once and interleave all the time; one core can only approximate that with short slices."""
        if self.model == _points.FREE_THREADED:
            return min(self.interval, FT_SLICE)
        return self.interval

    def _due(self):
        """Has a ready thread waited for the GIL for a whole slice (_slice)?"""
        s = self.sched
        iv = sys.getswitchinterval()
        if iv != self.interval:
            self._interval_changed(iv)
        now = s.clock.now()
        s._wake_expired(now)
        if s.watchdog is not None or s.itimer is not None:
            s.clock_deadlines_due(now, sys._getframe(1), here=True)
        ready = s.ready
        return bool(ready) and now - ready[0].ready_since >= self._slice()

    def check(self, frame):
        """A deferred tick, now that the runtime's operation is over (frame None), or a tick at a switch point:
        switch if another thread waited long enough."""
        s = self.sched
        if not self._due():
            return
        if frame is not None and _in_import(frame):
            return
        if frame is None:
            # The end of one of this runtime's operations (a lock released, say): in CPython a call into C that
            # has just returned, which is a switch point.
            s.preempt(s.current, _points.AFTER_CALL)
        else:
            s.preempt(s.current, self.kind_here(frame), frame.f_lineno)

    def kind_here(self, frame):
        return _points.BYTECODE if self.model == _points.FREE_THREADED else None

    def close(self):
        pass


class SignalPreemption(_Base):
    """Realistic mode: a SIGUSR1 tick from the ticker worker, handled at the interpreter's own eval-breaker checks."""

    TOOL = 5
    MAX_BYTECODES = 12  # free-threaded: run on at most this many bytecodes after a tick before switching

    def __init__(self, sched, set_ticker, model=_points.GIL, jitter=None):
        super().__init__(sched, model)
        self._set_ticker = set_ticker
        self._jitter = jitter
        self.armed = None  # free-threaded: (thread, code object) with the one-shot INSTRUCTION event
        self.countdown = 0
        self.rng = random.Random()
        if model == _points.FREE_THREADED:
            m = sys.monitoring
            if m.get_tool(self.TOOL) is not None:
                m.free_tool_id(self.TOOL)
            m.use_tool_id(self.TOOL, "interleave preemption")
            m.register_callback(self.TOOL, m.events.INSTRUCTION, self._instruction)
        self.previous = signal.getsignal(SIGUSR1)
        signal.signal(SIGUSR1, self.handler)
        sched.on_ticker = self._ticker

    def _period_ms(self):
        # Tick twice per slice so a waiting thread gets the GIL between 1 and 1.5 slices after asking.
        return min(max(self._slice() * 500.0, 1.0), 5.0)

    def _ticker(self, on):
        self._set_ticker(self._period_ms() if on else 0)

    def _interval_changed(self, iv):
        super()._interval_changed(iv)
        if self.sched.ticker_on:
            self._set_ticker(self._period_ms())

    def kind_here(self, frame):
        if self.model == _points.FREE_THREADED:
            return _points.BYTECODE
        return _kind_at(frame)

    def handler(self, signum, frame):
        s = self.sched
        self.ticks += 1
        jitter = self._jitter
        if jitter is not None:
            jitter()  # the next look at the interrupt buffer falls at a random eval-breaker check (threads.ts)
        if s.chooser is not None:
            return  # a schedule decides (explore() runs inside this run)
        if not s.in_green or s.current is None or frame is None:
            # Pyodide's own callbacks between two green threads: there is no thread to switch from.
            self.skipped += 1
            return
        where = switchable(frame)
        if where == DEFER:
            s.tick_deferred = True
            return
        if where == NO or not self._due():
            return
        if self.model == _points.GIL:
            s.preempt(s.current, _kind_at(frame), frame.f_lineno)
            return
        # Free-threaded: the switch falls between two bytecodes a little further on, not only at this check.
        k = self.rng.randrange(self.MAX_BYTECODES)
        if k == 0:
            s.preempt(s.current, _points.BYTECODE, frame.f_lineno)
            return
        self._arm(s.current, frame.f_code, k)

    def _arm(self, thread, code, k):
        self._disarm()
        try:
            sys.monitoring.set_local_events(self.TOOL, code, sys.monitoring.events.INSTRUCTION)
        except (ValueError, TypeError):
            return
        self.armed = (thread, code)
        self.countdown = k

    def _disarm(self):
        armed = self.armed
        if armed is None:
            return
        self.armed = None
        try:
            sys.monitoring.set_local_events(self.TOOL, armed[1], 0)
        except (ValueError, TypeError):
            pass

    def _instruction(self, code, offset):
        armed = self.armed
        s = self.sched
        if armed is None or armed[0] is not s.current or not s.in_green or s.chooser is not None:
            self._disarm()  # the thread it was armed for stopped running (it blocked, say): a new tick re-arms
            return None
        self.countdown -= 1
        if self.countdown > 0:
            return None
        self._disarm()
        frame = sys._getframe(1)
        if switchable(frame) == YES and self._due():
            s.preempt(s.current, _points.BYTECODE, frame.f_lineno)
        return None

    def close(self):
        self._set_ticker(0)
        self._disarm()
        signal.signal(SIGUSR1, self.previous if self.previous is not None else signal.SIG_DFL)
        if self.model == _points.FREE_THREADED:
            m = sys.monitoring
            try:
                m.register_callback(self.TOOL, m.events.INSTRUCTION, None)
                m.free_tool_id(self.TOOL)
            except ValueError:
                pass


def _kind_at(frame):
    """Which eval-breaker check the handler ran at, from the frame's current instruction (for the timeline).
    co_code holds the unspecialised instructions, so the base opcodes are enough."""
    try:
        raw = frame.f_code.co_code
        op = raw[frame.f_lasti]
    except (IndexError, AttributeError):
        return None
    kind = _KIND_OF_OPCODE.get(op)
    if kind == _points.ENTRY and frame.f_lasti + 1 < len(raw) and raw[frame.f_lasti + 1] & 3 == 1:
        return _points.YIELD
    return kind


def _kinds_by_opcode():
    import opcode

    names = {"RESUME": _points.ENTRY, "JUMP_BACKWARD": _points.BACK_EDGE}
    for name in ("CALL", "CALL_KW", "CALL_FUNCTION_EX"):
        names[name] = _points.AFTER_CALL
    return {opcode.opmap[name]: kind for name, kind in names.items() if name in opcode.opmap}


_KIND_OF_OPCODE = _kinds_by_opcode()


class CountedPreemption(_Base):
    """The model's switch points in the learner's code, counted through sys.monitoring."""

    TOOL = 4

    def __init__(self, sched, rng, model=_points.GIL):
        super().__init__(sched, model)
        self.rng = rng
        self.user = {}
        self.slice = 0
        self.budget = 0
        self.points = 0
        m = sys.monitoring
        if m.get_tool(self.TOOL) is not None:
            m.free_tool_id(self.TOOL)
        m.use_tool_id(self.TOOL, "interleave threads")
        self.finder = PointFinder(self.TOOL, model, self._point)
        self._new_slice()
        self.finder.start()

    def _mean_slice(self):
        if self.rng is None:
            return 2000  # fallback: look at the clock every 2000 points
        # Deterministic slices average interval * 20000 points: 100 at the default 5 ms.
        return min(max(int(self.interval * 20000), 1), 100000)

    def _new_slice(self):
        mean = self._mean_slice()
        self.slice = self.rng.randint(1, 2 * mean - 1) if (self.rng is not None and mean > 1) else mean
        self.budget = self.slice

    def _point(self, kind, depth, next_offset=None):
        self.budget -= 1
        if self.budget <= 0:
            self._tick(kind, depth + 1)

    def _tick(self, kind, depth):
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
        frame = sys._getframe(depth + 1)
        where = switchable(frame)
        if where == DEFER:
            s.tick_deferred = True
            return
        if where == NO:
            return
        if self.rng is not None:
            # Deterministic: every slice end is a switch, to a thread the generator picks.
            now = s.clock.now()
            s._wake_expired(now)
            if s.itimer is not None:
                s.clock_deadlines_due(now, frame, here=True)
            if s.ready:
                s.preempt(s.current, kind, frame.f_lineno)
            return
        if self._due():
            s.preempt(s.current, kind, frame.f_lineno)

    def close(self):
        self.finder.stop()
        try:
            sys.monitoring.free_tool_id(self.TOOL)
        except ValueError:
            pass


def defer_from_jump(frame, exc):
    """A signal handler's exception (`frame`: where the handler was called) raised inside a PointFinder's JUMP
    callback (the interpreter checks signals at that function's entry too) is deferred as that callback's own would
    be (PointFinder._defer). Returns False when no such callback is on the stack: the caller raises it."""
    f = frame
    while f is not None:
        if f.f_code is PointFinder._jump.__code__:
            local = f.f_locals
            local["self"]._defer(local["code"], exc)
            return True
        f = f.f_back
    return False


class PointFinder:
    """Calls on_point(kind, depth, next_offset) at every switch point of `model` in the learner's code, through
    sys.monitoring (tool `tool`, already claimed). `depth`: frames between on_point's caller and the learner's
    frame (for sys._getframe); `next_offset`: the instruction the thread runs next, when the event says it. Used
    by the counted preemption and by schedule mode (_schedule.py)."""

    def __init__(self, tool, model, on_point, user_filter=None, on_instruction=None):
        self.tool = tool
        self.model = model
        self.on_point = on_point
        self.user = {}
        self.user_filter = user_filter or is_user_file
        self.deferred = None  # (code, exception, its local events before): see _jump
        # GIL model: the owner's INSTRUCTION callback (schedule mode's step by instruction), called by
        # _raise_deferred, which holds the tool's INSTRUCTION event, for every event it does not take.
        self.chained = on_instruction

    def _is_user(self, code):
        name = code.co_filename
        user = self.user.get(name)
        if user is None:
            user = self.user[name] = self.user_filter(name) and not name.startswith(_RUNTIME_DIR)
        return user

    def start(self, extra=0):
        """Switch the events on; `extra`: more events of this tool whose callbacks the owner registered."""
        m = sys.monitoring
        e = m.events
        if self.model == _points.FREE_THREADED:
            m.register_callback(self.tool, e.INSTRUCTION, self._instruction)
        else:
            m.register_callback(self.tool, e.PY_START, self._start)
            m.register_callback(self.tool, e.PY_RESUME, self._resume)
            m.register_callback(self.tool, e.JUMP, self._jump)
            m.register_callback(self.tool, e.CALL, self._call)
            m.register_callback(self.tool, e.C_RETURN, self._c_return)
            m.register_callback(self.tool, e.PY_RETURN, self._py_return)
            m.register_callback(self.tool, e.INSTRUCTION, self._raise_deferred)
        m.set_events(self.tool, _points.monitoring_events(self.model) | extra)

    def stop(self):
        m = sys.monitoring
        e = m.events
        try:
            m.set_events(self.tool, 0)
            for ev in (e.INSTRUCTION, e.PY_START, e.PY_RESUME, e.JUMP, e.CALL, e.C_RETURN, e.PY_RETURN):
                m.register_callback(self.tool, ev, None)
            if self.deferred is not None:
                m.set_local_events(self.tool, self.deferred[0], self.deferred[2])
        except ValueError:
            pass
        self.deferred = None
        # Locations this tool disabled stay disabled for the next tool using the id.
        m.restart_events()

    # Each callback: the learner's frame is the callback's caller (depth 1 from on_point's caller's view: 2).

    def _instruction(self, code, offset):
        if not self._is_user(code):
            return sys.monitoring.DISABLE
        self.on_point(_points.BYTECODE, 1, offset)
        return None

    def _start(self, code, offset):
        if not self._is_user(code):
            return sys.monitoring.DISABLE
        self.on_point(_points.ENTRY, 1)
        return None

    def _resume(self, code, offset):
        if not self._is_user(code):
            return sys.monitoring.DISABLE
        if _points.resume_checks(code, offset):
            self.on_point(_points.YIELD, 1)
            return None
        return sys.monitoring.DISABLE  # after `await`/`yield from`: never a switch point at this place

    def _jump(self, code, src, dest):
        if dest > src or not self._is_user(code):
            return sys.monitoring.DISABLE  # forward jumps are not switch points
        try:
            self.on_point(_points.BACK_EDGE, 1, dest)
        except BaseException as exc:  # noqa: BLE001 - raised again at the next instruction: see _defer
            self._defer(code, exc)
        return None

    def _defer(self, code, exc):
        """An exception for the thread came up in a JUMP event's callback (KeyboardInterrupt after Stop, a signal
        handler's, SIGALRM's default action). Raised from there it would escape every `try` of the frame: CPython
        3.12-3.14 do not look up the exception table for it (checked with python3.12 and 3.13; a CALL's, C_RETURN's
        or INSTRUCTION's is caught). So a one-shot INSTRUCTION event raises it at the jump's target, the first
        instruction the frame runs next: where CPython's eval-breaker check of the back-edge raises it, caught by
        the same handlers."""
        if self.deferred is not None:
            return  # one is already on its way; CPython would not raise a second before it
        m = sys.monitoring
        self.deferred = (code, exc, m.get_local_events(self.tool, code))
        m.set_local_events(self.tool, code, self.deferred[2] | m.events.INSTRUCTION)

    def _raise_deferred(self, code, offset):
        deferred = self.deferred
        if deferred is None or deferred[0] is not code:
            return None if self.chained is None else self.chained(code, offset)
        self.deferred = None
        sys.monitoring.set_local_events(self.tool, code, deferred[2])
        exc = deferred[1]
        if type(exc) is SignalCall:
            exc.run()  # the program's handler, in this frame; if it returns, the loop goes on
            # The instruction runs now: step mode counts it as it would without the signal, or a replay of the run
            # (which has no signal at this place) would number its steps differently.
            return None if self.chained is None else self.chained(code, offset)
        raise exc

    def _call(self, code, offset, callable_, arg0):
        # Only here so that C_RETURN is reported (it is an ancillary event of CALL).
        if not self._is_user(code):
            return sys.monitoring.DISABLE
        return None

    def _py_return(self, code, offset, retval):
        # This runtime's Python in place of a C function of CPython's (a lock's acquire, time.sleep, os.getpid):
        # returning into the learner's code is "a built-in call returning".
        if not code.co_filename.startswith(_RUNTIME_DIR):
            return sys.monitoring.DISABLE
        caller = sys._getframe(1).f_back
        if caller is not None and self._is_user(caller.f_code):
            self.on_point(_points.AFTER_CALL, 2)
        return None

    def _c_return(self, code, offset, callable_, arg0):
        if not self._is_user(code):
            return None  # DISABLE would switch off this location's CALL event as well
        if _points.call_checks(callable_, arg0):
            self.on_point(_points.AFTER_CALL, 1)
        return None
