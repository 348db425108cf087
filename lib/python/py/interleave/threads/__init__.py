"""Threads that really run in the browser: `threading`, `queue` and `concurrent.futures` over green threads.

The runner calls, in the main thread of a run (a promising call, so it can suspend):

    install({"seed": None, "schedule": None})   before the learner's code
    shutdown()                after it (after its traceback, if any, was printed)

install() puts a `_thread` of our own in sys.modules and gives the run fresh copies of threading, queue,
concurrent.futures and logging built on it; time.sleep lets other threads run; SIGUSR1 (realistic mode) or a
seeded counter (deterministic mode, `seed` set) preempts the running thread. shutdown() waits for non-daemon
threads as CPython does at exit, stops daemon threads, sends the GIL timeline to the page as a "threads" trace,
and puts everything back. See README.md in this folder for the design; the trace is built by _timeline.py.

JavaScript support (lib/python/worker/threads.ts) must be registered as the module `interleave_threads_js`;
without it, or without stack switching (JSPI), starting a thread raises interleave.unsupported.Unsupported (the
runner ends the run as "unsupported" and the page says why).
"""

import builtins
import json
import random
import signal
import sys
import time

from .. import _visible
from . import _clock, _core, _explore, _faulthandler, _itimer, _modules, _points, _preempt, _primitives, _report, _schedule, _signals, _step, _thread_module, _timeline
from ._core import Deadlock
from ._schedule import ScheduleError


def _entry_codes():
    """This package's functions that run the learner's code as a plain call: frames of theirs below the learner's
    code are not bookkeeping in progress (see _preempt.switchable)."""
    codes = {_core.Scheduler.bootstrap.__code__, _explore._Explorer.trial.__code__}
    codes.update(c for c in _explore.program.__code__.co_consts if getattr(c, "co_name", None) == "run_program")
    return codes


_preempt.ENTRY_CODES.update(_entry_codes())

__all__ = ["Deadlock", "ScheduleError", "active", "boot", "explore", "install", "model", "outcomes", "run_schedule", "schedule", "shutdown", "warm"]

_thread_mod = None
_run = None


class _Null:
    """Where killed threads' last words go."""

    def write(self, s):
        return len(s)

    def flush(self):
        pass


class _Run:
    def __init__(self):
        self.sched = None
        self.preemption = None
        self.swap = None
        self.time_patch = None
        self.faulthandler = None
        self.itimer = None
        self.kill = None
        self.doorbell = None  # DOORBELL's real handler before this run's (_on_doorbell)
        self.page_host = None  # interleave_host, for the signals other processes send (_deliver_page_signals)
        self.print_original = None  # builtins.print, while _guard_print's stands in for it
        self.threading = None
        self.sigint_previous = None
        self.js = None
        self.mode = "realistic"
        self.seed = None
        self.random_state = None
        self.webloop_run_sync = None
        self.handle_run = None
        self.preemption_kind = None
        self.schedule = None  # the replayed schedule string in schedule mode
        self.model = _points.GIL


def _load_js():
    try:
        import interleave_threads_js  # registered by lib/python/worker/threads.ts
    except ImportError:
        return None
    return interleave_threads_js


def _can_run_sync():
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    try:
        return bool(can_run_sync())
    except Exception:  # noqa: BLE001
        return False


def _run_state():
    return _run


def active():
    """True while a run is installed."""
    return _run is not None


def install(options=None):
    """Prepare threads for the learner's program. `options`: {"seed": int | None, "schedule": str | None,
    "step": {"from": int} | None, "model": "gil" | "free-threaded" | None, "stacks": bool (keep parked threads'
    stacks for faulthandler from the start: the program's files name it)}.

    `model` (_points.py) says where threads may switch: CPython 3.14 with its GIL (the default) or free-threaded
    3.14t. A schedule (see _schedule.py) replaces the seed: threads switch at the model's switch points as the
    schedule says."""
    global _thread_mod, _run
    if _run is not None:
        shutdown()
    opts = dict(options or {})
    seed = opts.get("seed")
    schedule = opts.get("schedule")
    step = opts.get("step")
    model = _points.normalize(opts.get("model"))  # ValueError before anything is changed
    if step is not None and schedule is None:
        schedule = ""  # step mode is schedule mode with the learner deciding
    prefix = None
    if schedule is not None:
        prefix = _schedule.parse_for(schedule, model)  # ScheduleError before anything is changed
        seed = 0  # the learner's random numbers and the clock: as repeatable as the schedule
    run = _Run()
    run.model = model
    run.seed = seed if schedule is None else None
    run.schedule = schedule
    run.mode = "deterministic" if seed is not None else "realistic"
    if schedule is not None:
        run.mode = "schedule"
    js = _load_js()
    switching = js is not None and _can_run_sync()
    run.js = js if switching else None

    clock = _clock.VirtualClock() if seed is not None else _clock.RealClock()
    timeline = _timeline.Timeline(clock.now())
    rng = random.Random(seed) if seed is not None else None
    run_sync = None
    if switching:
        from pyodide.ffi import run_sync
    sched = _core.Scheduler(run.js, clock, timeline, rng, run_sync)
    run.sched = sched
    _report.reset_names()
    _primitives.state.sched = sched

    run.time_patch = _clock.TimePatch()
    run.time_patch.set("sleep", _clock.make_sleep(_primitives.state, time.sleep, sched.idle_time))
    _clock.patch_process_time(run.time_patch, sched.idle_time)
    if seed is not None:
        _clock.patch_virtual(run.time_patch, clock)
        # The learner's own random numbers (sleep lengths in demos...) are part of the interleaving too.
        run.random_state = random.getstate()
        random.seed(seed)

    if _thread_mod is None:
        _thread_mod = _thread_module.build()
    run.swap = _modules.Swap(_thread_mod)
    run.threading = run.swap.install()
    sched.keep_stacks = bool(opts.get("stacks"))
    run.faulthandler = _faulthandler.Patch(sched)
    run.faulthandler.install()
    run.itimer = _itimer.Patch(sched)
    run.itimer.install()
    run.kill = _signals.KillPatch()
    run.kill.install()
    _visible.set_trampoline(_on_signal)
    run.doorbell = _visible.real_signal(_visible.DOORBELL, _on_doorbell)
    run.page_host = _visible.signal_host()

    if switching:
        js.setCallbacks(sched.bootstrap, sched.on_timer, _deliver_interrupt, _deliver_page_signals)
        if prefix is not None:
            sched.chooser = _schedule.Chooser(sched, prefix, model=model)
            if step is not None:
                sched.chooser.stepper = _make_stepper(run, sched, js, step)
            run.preemption = _schedule.SchedulePreemption(sched, model, stepping=step is not None)
            run.preemption_kind = "schedule"
        elif seed is None and js.canTick():
            run.preemption = _preempt.SignalPreemption(sched, js.setTicker, model, getattr(js, "jitterSignalClock", None))
            run.preemption_kind = "signal"
            run.print_original = _guard_print(sched)
        else:
            run.preemption = _preempt.CountedPreemption(sched, rng, model)
            run.preemption_kind = "counted"
        sched.preemption = run.preemption
        _patch_webloop(run, sched)
    run.sigint_previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, _on_signal)
    _run = run
    sched.begin()


def _guard_print(sched):
    """print() as one of the runtime's operations while ticks preempt. CPython's BufferedWriter runs signal handlers
    inside its flush, with its lock held (PyErr_CheckSignals after each raw write: Modules/_io/bufferedio.c,
    _bufferedwriter_flush_unlocked). A tick handled there would switch to another green thread, whose print then finds
    the buffer taken by its own OS thread: "RuntimeError: reentrant call inside <_io.BufferedWriter name='<stdout>'>",
    which CPython's per-thread lock owner never raises. Inside this wrapper a tick waits for the end of the call (the
    handler sees a frame of this package: switchable() says DEFER), a switch point in CPython too: a call returning.
    Returns the original, which _restore puts back."""
    original = builtins.print

    def print_(*args, **kwargs):
        original(*args, **kwargs)
        if sched.tick_deferred:
            sched.run_deferred_tick()

    builtins.print = _visible.like_builtin(print_, original)
    return original


def _make_stepper(run, sched, js, step):
    """Step mode: pause from step `from` on and wait for the page's pick (see _step.py)."""
    try:
        import interleave_host

        wait_step = interleave_host.wait_step
    except (ImportError, AttributeError):
        wait_step = None  # outside the worker (the runtime's own tests under Node): nobody to ask

    def wait():
        if wait_step is None:
            return _step.RUN_ON
        return sched.run_sync(wait_step())

    stepper = _step.Stepper(
        sched, max(0, int(step.get("from", 0))), wait, _deliver_interrupt, model=run.model, unit=step.get("unit") or _step.LINE
    )
    stepper.emit = js.emit
    stepper.timeline = lambda: _timeline_data(run)
    return stepper


def exit_from_thread(code):
    """os._exit(code) called by a thread other than the main one: True once the main thread has been told to end
    the program (see Scheduler.exit_from_thread)."""
    run = _run
    return run is not None and run.sched.exit_from_thread(code)


def _deliver_interrupt(frame=None):
    """Stop was pressed (the page's callback while every thread waited, the stepper's, a process's wait), or the
    program raised SIGINT: delivered as any signal is (_signals.deliver). `frame`: where the real handler was
    called, if it was."""
    run = _run
    if run is not None:
        _signals.deliver(run.sched, signal.SIGINT, here=True, frame=frame)


def _deliver_page_signals(frame=None):
    """Signals another process of the run sent this one (multiprocessing's terminate(), os.kill), which the page keeps
    in CONTROL.SIGNALS, taken while every thread waits: the page's poll (threads.ts watchStop) calls this. A thread
    that runs takes them itself, at the page's doorbell (_on_doorbell)."""
    run = _run
    if run is None:
        return
    sched = run.sched
    if sched.in_green or sched.current is not None:
        return  # a thread is running (suspended on JavaScript for a moment): the doorbell reaches it
    _take_page_signals(run, None)
    # Every thread was parked: a handler's call woke the main thread (Scheduler.signal_main) into the ready queue,
    # and nothing else would run it. Checked again first: some deliveries resume a thread themselves (an event
    # loop's handler wakes the loop's thread, SIGINT's KeyboardInterrupt the main thread: _signals.deliver), and
    # resuming a second one would run two at once.
    if sched.current is None and not sched.in_green:
        nxt = sched._next_runner()
        if nxt is not None:
            sched._resume(nxt)


def _on_doorbell(signum, frame):
    """The real handler of _visible.DOORBELL, which the page stores into the interrupt buffer when another process
    sent this one signals: the running thread takes them, unless the check fell inside the scheduler (between two
    threads, or handing the GIL on), where the signals stay with the page, which rings again."""
    run = _run
    if run is None:
        return None
    sched = run.sched
    if _unsettled(frame) or not sched.in_green or sched.current is None:
        return None
    _take_page_signals(run, frame)
    return None


def _take_page_signals(run, frame):
    """Each signal in CONTROL.SIGNALS delivered as any signal is (_signals.deliver), in the order of their numbers, as
    CPython's _PyErr_CheckSignalsTstate takes tripped signals. A handler that raises leaves the later ones to the
    page's next ring."""
    host = run.page_host
    if host is None:
        return
    mask = int(host.take_signals()) & 0xFFFFFFFF  # an Int32 slot: bit 31 comes as a negative number
    try:
        for signum in range(1, 32):
            if mask & (1 << signum):
                mask &= ~(1 << signum)
                _signals.deliver(run.sched, signum, here=True, frame=frame)
    finally:
        if mask:
            host.put_back_signals(_visible.int32(mask))


def _on_signal(signum, frame):
    """The real handler of SIGINT (Stop, Ctrl+C), of every signal whose handler the program set, and what
    signal.raise_signal calls for one the runtime delivers itself (_visible._raise_signal): see _signals.deliver."""
    run = _run
    if run is None:
        return _visible.without_run(signum, frame)
    if signum == signal.SIGINT and _unsettled(frame):
        # The interpreter checked signals inside a thread switch (the GIL handed on, this stack not yet parked):
        # which thread runs is not settled, so the interrupt could go to the wrong one or be lost. Or inside a
        # step-mode pause, between its trace and the wait for the page's answer: delivered here, the main thread
        # would run on (and pause again) while the paused one still waits; the pause's wait answers Stop itself.
        # Stop's SIGINT is not taken here: the page sends it again until the program says it arrived
        # (interleave.ack_interrupt).
        return None
    _signals.deliver(run.sched, signum, here=True, frame=frame)
    return None


_UNSETTLED_CODES = frozenset(
    f.__code__ for f in (_core.Scheduler._switch_from, _core.Scheduler._resume, _core.Scheduler._park, _core.Scheduler._set_running, _step.Stepper._pause)
)


def _unsettled(frame):
    while frame is not None:
        if frame.f_code in _UNSETTLED_CODES:
            return True
        frame = frame.f_back
    return False


def _patch_webloop(run, sched):
    """asyncio's loop (Pyodide's WebLoop) waits on JavaScript with run_sync and runs its callbacks as separate
    promising calls. While a thread waits on the loop, other threads get the GIL; each callback runs as the
    thread that waits on the loop, as CPython runs callbacks in the loop's thread."""
    try:
        import asyncio.events
        from pyodide import webloop
    except ImportError:
        return
    original = webloop.run_sync

    def run_sync(awaitable):
        t = sched.me()
        if t is None:
            return original(awaitable)
        return sched.wait_external(t, "asyncio event loop", lambda: original(awaitable))

    handle_run = asyncio.events.Handle._run

    def _run(self):
        t = sched.enter_loop_callback()
        try:
            return handle_run(self)
        finally:
            # As CPython's Handle._run ends with `self = None`: a frame object that outlives this call (linked from
            # a traceback's frames) must not keep the handle, and through it a finished task, alive. Else "Task
            # exception was never retrieved" waits for the garbage collector instead of coming when the task goes.
            self = None
            if t is not None:
                sched.leave_loop_callback(t)

    run.webloop_run_sync = original
    run.handle_run = handle_run
    webloop.run_sync = _visible.like_function(run_sync, original)
    asyncio.events.Handle._run = _visible.like_function(_run, handle_run)


def shutdown(hard=False):
    """End the run's threads and restore the interpreter. Returns "ok", "deadlock" or "interrupted".

    Waits for non-daemon threads first, as CPython does when the main program ends; Stop pressed during that
    wait raises KeyboardInterrupt here (after the clean-up), as Ctrl+C would in `threading._shutdown`.
    `hard`: the program called os._exit: its threads end where they are, without being waited for."""
    global _run
    run = _run
    if run is None:
        return "ok"
    sched = run.sched
    status = "ok"
    interrupted = None
    try:
        if sched.deadlocked is None and not sched.stopping and not sched.inline and not hard:
            try:
                run.threading._shutdown()
            except Deadlock:
                pass
            except KeyboardInterrupt as exc:
                interrupted = exc
                sched.stopping = True
        if sched.deadlocked is not None:
            status = "deadlock"
        elif sched.stopping:
            status = "interrupted"
        _kill_remaining(run)
        _emit_timeline(run)
        _report_schedule(run)
    finally:
        _restore(run)
        _run = None
    if interrupted is not None:
        raise interrupted
    return status


def boot():
    """Called once when the interpreter starts (runner.boot). Cheap: the expensive part is warm()."""


def warm():
    """Compile the run copies of threading & co. ahead of the first run (called when the worker is idle)."""
    if _run is None:
        _modules.warm()


def _kill_remaining(run):
    sched = run.sched
    if len(sched.threads) <= 1 or sched.inline:
        return
    out, err = sys.stdout, sys.stderr
    hook = run.threading.excepthook
    sys.stdout = sys.stderr = _Null()
    run.threading.excepthook = lambda args: None
    try:
        sched.kill_all()
    finally:
        sys.stdout, sys.stderr = out, err
        run.threading.excepthook = hook


def _emit_timeline(run):
    sched = run.sched
    sched.timeline.thread_finished(sched.main, sched.clock.now())
    js = _load_js()
    if js is None or len(sched.timeline.threads) <= 1:
        return
    try:
        js.emit("threads", json.dumps(_timeline_data(run)))
    except Exception:  # noqa: BLE001 - the picture is a bonus; never fail the run over it
        pass


def _timeline_data(run):
    """The "threads" trace: the GIL timeline up to now (at the end of the run, or at a pause in step mode)."""
    sched = run.sched
    p = run.preemption
    return sched.timeline.export(
        sched.clock.now(),
        {
            "mode": run.mode,
            "model": run.model,
            "seed": run.seed,
            "clock": "virtual" if sched.clock.virtual else "real",
            "switchIntervalMs": round(sys.getswitchinterval() * 1000, 6),
            "preemption": run.preemption_kind or "none",
            "switches": sched.switches,
            "preemptions": sched.preemptions,
            "ticks": p.ticks if p is not None else 0,
            "skippedTicks": p.skipped if p is not None else 0,
            "abandoned": [t.name for t in sched.abandoned],
            **_schedule_meta(run),
        },
    )


def _schedule_meta(run):
    chooser = run.sched.chooser
    if run.schedule is None or chooser is None:
        return {}
    return {"schedule": chooser.schedule(), "decisions": len(chooser.log)}


def schedule():
    """The schedule this run has followed so far (schedule mode), as a string for `--schedule`; else None."""
    run = _run
    if run is None or run.schedule is None or run.sched.chooser is None:
        return None
    return run.sched.chooser.schedule()


def _report_schedule(run):
    """Schedule mode: say which schedule ran (to replay it or share it), and whether the given one fitted."""
    chooser = run.sched.chooser
    if run.schedule is None or chooser is None:
        return
    lines = []
    if chooser.mismatch is not None:
        i, want, labels = chooser.mismatch
        could = ", ".join(str(x) for x in labels)
        lines.append(
            f"the schedule does not fit this program: at decision {i + 1} it names thread {want}, "
            f"but only thread {could} could run; the default policy decided from there"
        )
    text = chooser.schedule()
    shown = f"{text} (no preemption: the default policy)" if text.endswith(":") else text
    lines.append(f"schedule: {shown} ({len(chooser.log)} decisions)")
    try:
        import interleave_host

        for line in lines:
            interleave_host.notice(line)
    except Exception:  # noqa: BLE001 - outside the worker (tests of this package): stderr
        for line in lines:
            sys.stderr.write(f"[interleave] {line}\n")


def explore(fn, runs=200, bound=2, seed=0, model=None):
    """Run fn() (which starts threads) under many schedules of `model` (None: the run's); see _explore.py.
    Returns an _explore.Result."""
    return _explore.explore(fn, runs=runs, bound=bound, seed=seed, model=model)


def outcomes(fn, runs=2000, bound=3, model=None):
    """Run fn() (which starts threads) under every schedule of `model` with at most `bound` preemptions and collect
    the distinct outputs, each with a schedule that prints it; see _explore.outcomes. Returns an _explore.Outcomes."""
    return _explore.outcomes(fn, runs=runs, bound=bound, model=model)


def run_schedule(fn, schedule, model=None):
    """Run fn() (which starts threads) once under `schedule`; see _explore.run_schedule."""
    return _explore.run_schedule(fn, schedule, model=model)


def model():
    """The interpreter model of the current run ("gil" or "free-threaded"), or None outside a run."""
    return _run.model if _run is not None else None


def _restore(run):
    sched = run.sched
    if run.preemption is not None:
        run.preemption.close()
    if run.webloop_run_sync is not None:
        import asyncio.events
        from pyodide import webloop

        webloop.run_sync = run.webloop_run_sync
        asyncio.events.Handle._run = run.handle_run
    try:
        signal.signal(signal.SIGINT, run.sigint_previous if run.sigint_previous is not None else signal.default_int_handler)
    except (TypeError, ValueError):
        pass
    if run.faulthandler is not None:
        run.faulthandler.restore()
    if run.itimer is not None:
        run.itimer.restore()
    if run.kill is not None:
        run.kill.restore()
    _visible.set_trampoline(None)
    if run.doorbell is not None:
        _visible.real_signal(_visible.DOORBELL, run.doorbell)
    if run.print_original is not None:
        builtins.print = run.print_original
    run.swap.restore()
    run.time_patch.restore()
    if run.random_state is not None:
        random.setstate(run.random_state)
    if run.js is not None:
        try:
            run.js.reset()
        except Exception:  # noqa: BLE001
            pass
    _primitives.state.sched = None
    if sched.chooser is not None and sched.chooser.stepper is not None:
        sched.chooser.stepper.close()
    sched.chooser = None
    sched.threads.clear()
