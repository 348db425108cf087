"""The scheduler: green threads on one interpreter, handing a simulated GIL to each other.

Every Python thread is one promising call from JavaScript (`callPromising`), so it runs on its own suspendable
stack with its own PyThreadState. A thread that stops running parks on a promise (`run_sync`) that the scheduler
resolves when it is that thread's turn again. Exactly one thread runs at a time: it "holds the GIL". It gives
the GIL away when it blocks (lock, condition, join, queue, sleep), when it finishes, and when it is preempted at
one of CPython's eval-breaker points (see _preempt.py). Threads that could run wait in a FIFO, as on CPython.

All of this runs on one JavaScript thread, so the scheduler's own state needs no locking; what it must avoid is
being preempted halfway through its own bookkeeping, which is why the preemption handler never switches while
one of this package's frames is executing (it defers the switch to the end of the operation).
"""

import collections
import heapq
import itertools
import sys

from . import _clock, _faulthandler

# Thread states, as the timeline names them.
RUNNING = "running"  # holds the GIL
READY = "ready"  # could run, waits for the GIL
BLOCKED = "blocked"  # waits for a lock, condition, queue, join ... (or an external event)
SLEEPING = "sleeping"  # in time.sleep
DONE = "done"

PACKAGE_DIR = __file__.rsplit("/", 1)[0] + "/"

# Idents that look like CPython's on Linux (pthread_t addresses), so printed values look familiar.
_IDENT_BASE = 0x7F3A_5C00_0000
_IDENT_STEP = 0x80_1000



class Deadlock(SystemExit):
    """Raised in the main thread when every thread is blocked forever. A SystemExit, so `except Exception`
    in the learner's code does not swallow it and a runner that knows nothing of threads exits quietly."""

    def __init__(self, report):
        super().__init__(1)
        self.report = report


class ExitNow(BaseException):
    """A thread's pending os._exit(code) (a thread's call, or faulthandler's watchdog with exit=True), carried out
    by the main thread when it next runs (_pending_check)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class SignalCall:
    """A signal handler the program installed (signal.signal, asyncio.Runner's), to run in the main thread when it
    next runs (_pending_check), as CPython runs Python-level handlers only there. If it returns, the call the signal
    interrupted goes on: a sleep sleeps what is left, a wait waits again (PEP 475)."""

    def __init__(self, handler, signum):
        self.handler = handler
        self.signum = signum

    def run(self):
        from .. import _visible

        frame = sys._getframe(1)
        while frame is not None and _visible.hidden_file(frame.f_code.co_filename):
            frame = frame.f_back
        handler, self.handler = self.handler, None
        handler(self.signum, frame)


class GreenThread:
    __slots__ = (
        "ident",
        "native_id",
        "index",
        "main",
        "daemon",
        "func",
        "handle",
        "started",
        "state",
        "wait",
        "deadline",
        "timer_seq",
        "wake_reason",
        "pending",
        "kill",
        "ready_since",
        "external",
        "name_hint",
        "thread_obj",
        "parked",
        "stack",
        "loop_stack",
    )

    def __init__(self, ident, native_id, index, main, daemon, func, handle):
        self.ident = ident
        self.native_id = native_id
        self.index = index
        self.main = main
        self.daemon = daemon
        self.func = func
        self.handle = handle
        self.started = main
        self.state = READY
        self.wait = None  # _report.Wait while blocked
        self.deadline = None
        self.timer_seq = 0
        self.wake_reason = None
        self.pending = None  # exception to raise when it next runs (KeyboardInterrupt, Deadlock, kill)
        self.kill = False
        self.ready_since = 0.0
        self.external = False
        self.name_hint = None
        self.thread_obj = None
        self.parked = False
        self.stack = None  # while it does not run: its frames as faulthandler shows them (_faulthandler.stack_here)
        self.loop_stack = None  # its stack as it waits on the asyncio event loop, kept while it runs the callbacks

    @property
    def name(self):
        obj = self.thread_obj
        if obj is None:
            func = self.func
            obj = getattr(func, "__self__", None)
            if obj is not None and hasattr(obj, "_name"):
                self.thread_obj = obj
        if obj is not None:
            try:
                return str(obj._name)
            except Exception:  # noqa: BLE001 - a half-initialised Thread subclass
                pass
        if self.main:
            return "MainThread"
        return self.name_hint or f"thread {self.ident}"

    def __repr__(self):
        return f"<green thread {self.name} {self.state}>"


class Scheduler:
    """One per run. Created by install(), thrown away by shutdown()."""

    def __init__(self, js, clock, timeline, rng, run_sync):
        self.js = js
        self.clock = clock
        self.timeline = timeline
        self.rng = rng  # random.Random(seed) in deterministic mode, else None
        self.run_sync = run_sync
        # Real time with nothing to run, kept out of time.process_time() (see _clock.IdleTime).
        self.idle_time = _clock.IdleTime()
        self.threads = {}  # ident -> GreenThread, alive (main included)
        self.current = None
        self.ready = collections.deque()
        self.timers = []  # heap of (deadline, seq, thread)
        self._timer_seq = itertools.count(1)
        self._count = itertools.count()
        self.in_green = True  # a green thread's own stack is executing (not a JavaScript callback)
        self.tick_deferred = False
        self.deadlocked = None  # the report, once a deadlock was found
        self.stopping = False  # Stop was pressed (KeyboardInterrupt delivered to the main thread)
        self.killing = False
        self.switches = 0
        self.preemptions = 0
        self.ticker_on = False
        self.inline = js is None  # no stack switching: a thread cannot start (interleave.unsupported)
        self.on_thread_exit = []  # callbacks(thread) for thread-locals
        self.preemption = None  # _preempt.SignalPreemption or CountedPreemption
        self.abandoned = []
        self.loop_waiter = None  # the thread blocked on the asyncio event loop (whose callbacks run as it)
        self.chooser = None  # _schedule.Chooser in schedule mode and while exploring: it picks who runs
        self.next_pick = None  # the thread a schedule decision chose at a preemption point
        self.last_index = 0  # index of the newest thread (schedules number threads from the run's start)
        self.watchdog = None  # faulthandler.dump_traceback_later's deadline (_faulthandler.Watchdog)
        self.itimer = None  # signal.alarm / setitimer(ITIMER_REAL)'s next expiry (_itimer.ITimer)
        # Keep each thread's stack as it parks, for faulthandler's dumps: a few microseconds a switch, so only for
        # programs whose files name faulthandler, and from a first faulthandler call on (_faulthandler.Patch).
        self.keep_stacks = False
        self.main = self._new_thread(main=True, daemon=False, func=None, handle=None)
        self.main.state = RUNNING
        self.current = self.main

    def begin(self):
        """Start the timeline (after install's own set-up, which is not the program's time)."""
        now = self.clock.now()
        self.timeline.t0 = now
        self.timeline.thread_started(self.main, now)
        self.timeline.state(self.main, RUNNING, None, now)

    # ---- identity ----------------------------------------------------------------------------------------

    def _new_thread(self, main, daemon, func, handle):
        index = next(self._count)
        self.last_index = index
        t = GreenThread(_IDENT_BASE + index * _IDENT_STEP, 42 + index, index, main, daemon, func, handle)
        self.threads[t.ident] = t
        return t

    def get_ident(self):
        t = self.current
        return t.ident if t is not None else self.main.ident

    def me(self):
        """The running green thread, or None in a JavaScript callback between threads."""
        return self.current if self.in_green else None

    # ---- starting and finishing ----------------------------------------------------------------------------

    def spawn(self, func, handle, daemon):
        if self.inline:
            # Running it to completion here would print another program's output than CPython's (a thread seen
            # alive after start() would not be): stop the program and say why instead.
            from .. import unsupported

            raise unsupported.threads()
        t = self._new_thread(main=False, daemon=daemon, func=func, handle=handle)
        if handle is not None:
            handle._attach(t)
        now = self.clock.now()
        self.timeline.thread_started(t, now)
        self._make_ready(t, now)
        self._ticker_update()
        return t

    def bootstrap(self, ident):
        """Entry of a new thread's promising call (called from JavaScript)."""
        t = self.threads.get(ident)
        if t is None:
            return
        self.in_green = True
        self.current = t
        t.started = True
        self._set_running(t)
        try:
            self._pending_check(t)
            t.func()
        except SystemExit:
            pass
        except BaseException:  # noqa: BLE001 - threading reports its own; this is a last resort
            if not self.killing:
                import traceback

                traceback.print_exc()
        finally:
            self._finish(t)

    def _finish(self, t):
        now = self.clock.now()
        t.state = DONE
        self.threads.pop(t.ident, None)
        self.timeline.thread_finished(t, now)
        for cb in self.on_thread_exit:
            try:
                cb(t)
            except Exception:  # noqa: BLE001
                pass
        if t.handle is not None:
            t.handle._finish()
        self._ticker_update()
        # Hand the GIL on; this stack then returns and its promising call completes.
        self._hand_on(None)

    # ---- the ready queue and timers ------------------------------------------------------------------------

    def _make_ready(self, t, now):
        t.state = READY
        t.ready_since = now
        t.deadline = None
        self.ready.append(t)
        self.timeline.state(t, READY, None, now)

    def wake(self, t, reason):
        """Move a blocked or sleeping thread to the ready queue (its timer, if any, becomes stale)."""
        if t.state not in (BLOCKED, SLEEPING) or t.external:
            return
        t.wake_reason = reason
        t.timer_seq = 0
        self._make_ready(t, self.clock.now())

    def _add_timer(self, t, deadline):
        seq = next(self._timer_seq)
        t.timer_seq = seq
        t.deadline = deadline
        heapq.heappush(self.timers, (deadline, seq, t))

    def _earliest_timer(self):
        """The next deadline: a thread's timeout or sleep, faulthandler's watchdog (a deadlocked program waits for it,
        as CPython's hangs until the watchdog thread dumps it) or the real-time interval timer (signal.alarm)."""
        timers = self.timers
        first = None
        while timers:
            deadline, seq, t = timers[0]
            if t.timer_seq == seq and t.state in (BLOCKED, SLEEPING):
                first = deadline
                break
            heapq.heappop(timers)
        for clock_deadline in (self.watchdog, self.itimer):
            if clock_deadline is not None and (first is None or clock_deadline.deadline < first):
                first = clock_deadline.deadline
        return first

    def _wake_expired(self, now):
        timers = self.timers
        while timers and timers[0][0] <= now:
            _, seq, t = heapq.heappop(timers)
            if t.timer_seq == seq and t.state in (BLOCKED, SLEEPING):
                t.wake_reason = "timeout"
                t.timer_seq = 0
                self._make_ready(t, now)

    def _pop_ready(self):
        ready = self.ready
        pick = self.next_pick
        if pick is not None:
            self.next_pick = None
            if pick in ready:
                ready.remove(pick)
                return pick
        chooser = self.chooser
        if chooser is not None and len(ready) > 1 and not self.killing:
            options = list(ready)
            stepper = chooser.stepper
            pick = stepper.point(chooser, options, None) if stepper is not None else None
            t = chooser.decide(options, None, pick)
            ready.remove(t)
            return t
        if self.rng is not None and len(ready) > 1:
            i = self.rng.randrange(len(ready))
            t = ready[i]
            del ready[i]
            return t
        return ready.popleft()

    def _next_runner(self):
        """The thread to hand the GIL to, or None if none can run now. A virtual clock jumps ahead to the
        next timer instead of waiting for it."""
        while True:
            now = self.clock.now()
            self._wake_expired(now)
            self.clock_deadlines_due(now, None)
            if self.ready:
                return self._pop_ready()
            deadline = self._earliest_timer()
            if deadline is None or not self.clock.virtual:
                return None
            self.clock.advance_to(deadline)

    # ---- switching ------------------------------------------------------------------------------------------

    def _set_running(self, t):
        t.state = RUNNING
        t.wait = None
        t.stack = None
        self.timeline.state(t, RUNNING, None, self.clock.now())

    def _resume(self, t):
        """Give the GIL to t (ready, parked or not started yet). Takes effect once the caller parks or returns."""
        self.idle_time.stop()
        self.current = t
        self.switches += 1
        self._set_running(t)
        if t.started:
            self.js.unpark(t.ident)
        else:
            t.started = True
            self.js.spawn(t.ident)

    def _park(self, t):
        js = self.js
        promise = js.park(t.ident)
        self.in_green = False
        if t.main:
            js.watchStop(True)
        t.parked = True
        try:
            self.run_sync(promise)
        finally:
            t.parked = False
            if t.main:
                js.watchStop(False)
            self.in_green = True
            self.current = t

    def _hand_on(self, t):
        """The GIL goes to the next ready thread, if any, and leaves this stack (t gave it up, None: t finished)."""
        nxt = self._next_runner()
        if nxt is None:
            self.current = None
            self._idle(t)
        else:
            self._resume(nxt)
        self.in_green = False

    def _switch_from(self, t, nxt=None):
        """t has stopped running (its state says why). Hand the GIL on and park t until it is handed back."""
        if self.keep_stacks:
            t.stack = _faulthandler.stack_here(sys._getframe(1))
        if nxt is None:
            nxt = self._next_runner()
        if nxt is t:
            self._set_running(t)
            return
        if nxt is None:
            self.current = None
            self._idle(t)  # raises Deadlock if t is the main thread and nothing can ever run again
        else:
            self._resume(nxt)
        self._park(t)

    def _idle(self, t):
        """Nobody can run right now: a timer or an external event will wake someone, or it is a deadlock."""
        deadline = self._earliest_timer()
        if deadline is not None:
            self.idle_time.start()
            self.js.armTimer(max(0.0, (deadline - self.clock.now()) * 1000.0))
            return
        if any(x.external for x in self.threads.values()):
            self.idle_time.start()
            return  # an asyncio/JavaScript wait will hand the GIL back
        if self.threads:
            self._deadlock(t)

    def on_timer(self):
        """Called from JavaScript when the scheduler's timer fires and no green thread is running."""
        if self.current is not None:
            return
        nxt = self._next_runner()
        if nxt is not None:
            self._resume(nxt)
        else:
            # Wait on (a timer, an external event), or, if faulthandler's watchdog was the last deadline and has
            # dumped without exiting, report the deadlock that it was waiting on.
            self._idle(None)

    def _pending_check(self, t):
        exc = t.pending
        if exc is not None:
            t.pending = None
            if type(exc) is ExitNow:
                import os

                os._exit(exc.code)  # the run's os._exit: ends the program here, without clean-up
            if type(exc) is SignalCall:
                exc.run()  # may raise (KeyboardInterrupt); if it returns, the interrupted call goes on
            else:
                raise exc
        if t.kill:
            raise SystemExit

    # ---- what threads do ---------------------------------------------------------------------------------------

    def block(self, t, wait, deadline):
        """Block the running thread t until wake() or the deadline (clock seconds, or None for ever).
        Returns the wake reason ("timeout", "notify", ...). Raises a pending KeyboardInterrupt, Deadlock or kill."""
        if t.kill or t.pending is not None:
            self._pending_check(t)
        if self.deadlocked is not None:
            raise (Deadlock(self.deadlocked) if t.main else SystemExit())
        now = self.clock.now()
        t.state = BLOCKED
        t.wait = wait
        t.wake_reason = None
        if deadline is not None:
            self._add_timer(t, deadline)
        self.timeline.state(t, BLOCKED, wait, now)
        self._switch_from(t)
        self._pending_check(t)
        return t.wake_reason

    def sleep(self, t, seconds):
        now = self.clock.now()
        if seconds <= 0:
            self.yield_gil(t)
            return
        deadline = now + seconds
        while True:
            t.state = SLEEPING
            t.wait = None
            t.wake_reason = None
            self._add_timer(t, deadline)
            self.timeline.state(t, SLEEPING, "time.sleep", now)
            self._switch_from(t)
            self._pending_check(t)
            now = self.clock.now()
            if t.wake_reason != "interrupt" or now >= deadline:
                return
            # A signal handler ran and returned: sleep what is left (PEP 475).

    def yield_gil(self, t):
        """time.sleep(0) and preemption: let a waiting thread have the GIL, if there is one."""
        now = self.clock.now()
        self._wake_expired(now)
        if not self.ready:
            return False
        self._make_ready(t, now)
        self._switch_from(t)
        self._pending_check(t)
        return True

    def preempt(self, t, kind=None, line=None):
        """Take the GIL from the running thread t at a switch point (`kind`, _points) of `line`, if anyone waits."""
        self.preemptions += 1
        self.timeline.preempted(t, self.clock.now(), kind, line)
        return self.yield_gil(t)

    def wait_external(self, t, label, run):
        """Run `run()` (a blocking wait on JavaScript: the asyncio event loop) without holding the GIL."""
        now = self.clock.now()
        t.state = BLOCKED
        t.external = True
        t.wait = None
        outer_waiter = self.loop_waiter
        self.loop_waiter = t
        if self.keep_stacks:
            t.stack = t.loop_stack = _faulthandler.stack_here(sys._getframe(1))
        self.timeline.state(t, BLOCKED, label, now)
        self._hand_on(t)
        try:
            return run()
        finally:
            self.loop_waiter = outer_waiter
            self.in_green = True
            t.external = False
            t.loop_stack = None
            if self.current is None:
                self.current = t
                self._set_running(t)
            else:
                self._make_ready(t, self.clock.now())
                self._park(t)
            self._pending_check(t)

    def enter_loop_callback(self):
        """A callback of the asyncio event loop starts (a promising task of its own). CPython runs it in the
        thread that runs the loop, so it runs as that thread here, holding the GIL. Returns the thread or None."""
        t = self.loop_waiter
        if t is None or self.in_green:
            return None
        if self.current is not None:
            # Someone holds the GIL (it is between two of its own steps): wait for it, as a callback would.
            t.external = False
            self._make_ready(t, self.clock.now())
            self._park(t)
        else:
            self.current = t
            self.in_green = True
            t.external = False
            self._set_running(t)
        return t

    def leave_loop_callback(self, t):
        """The callback is done: the thread goes back to waiting on the event loop, the GIL goes on."""
        t.state = BLOCKED
        t.external = True
        t.stack = t.loop_stack
        self.timeline.state(t, BLOCKED, "asyncio event loop", self.clock.now())
        self._hand_on(t)

    # ---- interrupts, deadlock, shutdown ---------------------------------------------------------------------------

    def interrupt_main(self, exc):
        """Deliver exc (KeyboardInterrupt) to the main thread, as CPython runs signal handlers there, and let
        the main thread run next so it lands promptly (a blocking call in the main thread is interrupted)."""
        main = self.main
        if main.state == DONE:
            return
        t = self.me()
        if t is main:
            if type(exc) is SignalCall:
                exc.run()
                return
            raise exc
        main.pending = exc
        if self._parked_on_javascript(main):
            # A signal from another process (os.kill, Process.interrupt(): the page ends only Stop's waits itself):
            # the exception lands in the wait now, as CPython's read() returns EINTR. What the wait asked the page
            # for is left to its owner (processes._host.block's on_abandoned puts a message it brings back).
            main.external = False
        if main.state in (BLOCKED, SLEEPING):
            self.wake(main, "interrupt")
        if main.state != READY:
            return  # running JavaScript: it raises when that call returns
        self.ready.remove(main)
        if t is not None:
            self._make_ready(t, self.clock.now())
            self._switch_from(t, main)
            self._pending_check(t)
        elif self.current is None:
            self._resume(main)
        else:
            self.ready.appendleft(main)

    def exit_from_thread(self, code):
        """os._exit(code) in a thread other than the main one: the whole program ends, as the process does in
        CPython. The main thread carries it out (the run's os._exit raises there); this thread runs no further.
        Returns False when called from the main thread (the caller exits itself)."""
        t = self.me()
        if t is None or t is self.main:
            return False
        self.interrupt_main(ExitNow(code))
        return True

    def clock_deadlines_due(self, now, frame, here=False):
        """faulthandler's watchdog and the interval timer (signal.alarm), if their time has come. `frame`: the frame
        the thread on the CPU is in, if the check runs on it; `here`: called by the running thread at a preemption check,
        where it may raise or switch; else from the scheduler's own bookkeeping, where the main thread is only marked
        (it acts when it next runs)."""
        w = self.watchdog
        if w is not None and w.deadline <= now:
            self.watchdog_due(_faulthandler.stack_here(frame) if frame is not None else None, here)
        timer = self.itimer
        if timer is not None and timer.deadline <= now:
            from . import _itimer

            _itimer.expired(self, now, here)

    def watchdog_due(self, running, here=False):
        """faulthandler's watchdog deadline has passed: dump (see _faulthandler.fire); with exit=True end the
        program as `_exit(1)` does."""
        if _faulthandler.fire(self, self.clock.now(), running):
            self.exit_program(1, here)

    def exit_program(self, code, here):
        """End the program with exit code `code`, without clean-up, as the process's end does (os._exit, a signal's
        default action). `here`: as in clock_deadlines_due."""
        main = self.main
        if here and self.in_green and self.current is not None:
            if self.current is main:
                import os

                os._exit(code)
            self.interrupt_main(ExitNow(code))
            return
        main.pending = ExitNow(code)
        if main.state in (BLOCKED, SLEEPING):
            self.wake(main, "exit")

    @staticmethod
    def _parked_on_javascript(t):
        """Parked in block() on an answer from JavaScript: another process, through the page (processes._host.block,
        net's kernel). Such a wait is marked external, which wake() leaves alone."""
        return t.state == BLOCKED and t.external and t.parked and t.wait is not None

    def signal_main(self, call, here):
        """Run a signal's handler (a SignalCall) in the main thread: at once when that thread runs here, else when it
        next runs, woken from a wait (it carries on waiting if the handler returns). `here`: as in
        clock_deadlines_due."""
        if here and self.in_green and self.current is not None:
            self.interrupt_main(call)
            return
        main = self.main
        if main.state == DONE:
            return
        main.pending = call
        if self._parked_on_javascript(main):
            # The handler runs now, as CPython runs it during the wait, and if it returns the wait goes on (PEP 475),
            # those loops blocking again until their answer comes.
            main.external = False
        if main.state in (BLOCKED, SLEEPING):
            self.wake(main, "interrupt")

    def _deadlock(self, t):
        from . import _report

        report = _report.deadlock_report(self)
        self.deadlocked = report
        self.timeline.deadlock(report, self.clock.now())
        try:
            sys.stderr.write(_report.format_deadlock(report))
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
        main = self.main
        for x in self.threads.values():
            if not x.main:
                x.kill = True
        if t is main:
            self.current = main
            self._set_running(main)
            raise Deadlock(report)
        main.pending = Deadlock(report)
        if main.state in (BLOCKED, SLEEPING):
            self.wake(main, "deadlock")
            self.ready.remove(main)
            self._resume(main)

    def run_deferred_tick(self):
        """A preemption tick arrived while a lock operation ran; act on it now that the operation is done."""
        self.tick_deferred = False
        p = self.preemption
        if p is not None and self.in_green and self.current is not None:
            p.check(None)

    def join_non_daemon(self):
        """_thread._shutdown(): wait for every non-daemon thread, as the interpreter does at exit."""
        from . import _primitives

        me = self.me()
        while True:
            for t in sorted(self.threads.values(), key=lambda x: x.index):
                if t is me or t.main or t.daemon or t.handle is None or t.handle._done:
                    continue
                _primitives.join_handle(t.handle, None, "shutdown", None)
                break
            else:
                return

    def kill_all(self):
        """Stop every thread but the main one, without letting them print: daemon threads at exit (CPython
        simply stops running them), and all threads after a deadlock or Stop. Each is resumed with SystemExit
        raised where it waits; a thread that will not finish within a few rounds is abandoned."""
        main = self.main
        self.killing = True
        victims = [t for t in self.threads.values() if t is not main]
        for t in victims:
            t.kill = True
            t.pending = None
        for _ in range(50):
            alive = [t for t in victims if t.state != DONE and not t.external]
            for t in alive:
                if t.state in (BLOCKED, SLEEPING):
                    self.wake(t, "kill")
            if not any(t.state == READY for t in alive):
                break
            self._make_ready(main, self.clock.now())
            self._switch_from(main)
        now = self.clock.now()
        for t in victims:
            if t.state != DONE:
                self.abandoned.append(t)
                self.threads.pop(t.ident, None)
                t.state = DONE
                self.timeline.thread_finished(t, now)
        try:
            self.ready.clear()
        except Exception:  # noqa: BLE001
            pass

    def _ticker_update(self):
        # Ticks while another thread exists (preemption), or a watchdog or an interval timer must notice its deadline
        # in a busy program.
        want = len(self.threads) > 1 or self.watchdog is not None or self.itimer is not None
        if want != self.ticker_on:
            self.ticker_on = want
            hook = self.on_ticker
            if hook is not None:
                hook(want)

    on_ticker = None
