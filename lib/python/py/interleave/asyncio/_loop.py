"""The event loop a learner's asyncio program runs on: CPython's own loop (asyncio.base_events.BaseEventLoop, the
same `_run_once` as `python3`), with the one OS-facing part, waiting for the next timer or a wake-up from another
thread, done without a selector.

Pyodide's own loop (WebLoop) hands every callback to the browser's setTimeout: callbacks then run in a different
order from CPython, each `sleep(0)` costs a trip through the browser, and a thread calling `call_soon_threadsafe`
cannot wake it while the green threads run. Here the ready queue and timer heap are CPython's, so the order of
callbacks is CPython's, and the wait is a lock of the run's `_thread` (a green-thread lock under the thread
runtime): acquiring it with a timeout sleeps until the next timer, and `call_soon_threadsafe` releases it.
"""

import asyncio.base_events as base_events
import asyncio.events as events
import itertools
import sys
import time
import weakref

from ._signals import SignalHandlers

# select() never waits longer than this at once (as CPython's MAXIMUM_SELECT_TIMEOUT, one day).
_MAX_WAIT = 24 * 3600


class Waker:
    """Sleeps until a deadline or until woken from another thread.

    The lock is held whenever no wake-up is pending: waiting is acquiring it (with the timeout), waking is
    releasing it. Without a thread runtime (no stack switching) the wait is a plain blocking sleep: nothing else
    could run meanwhile anyway."""

    def __init__(self, thread_module, sleep, interrupted, signal_wait=None):
        self._sleep = sleep
        self._interrupted = interrupted
        # () -> seconds to wait at most when there is no timer but a signal handler could still wake the loop
        # (Stop, loop.add_signal_handler): a wait for ever would be reported as a deadlock. None: no such handler.
        self._signal_wait = signal_wait
        self._lock = thread_module.allocate_lock() if thread_module is not None else None
        if self._lock is not None:
            self._lock.acquire()

    def select(self, timeout):
        lock = self._lock
        if timeout is not None and timeout <= 0:
            if lock is not None:
                lock.acquire(False)  # consume a pending wake-up
            return []
        if timeout is None and self._signal_wait is not None:
            timeout = self._signal_wait()
        try:
            if lock is None:
                if timeout is None:
                    raise RuntimeError("the event loop has nothing to do and nothing can wake it: it would wait for ever")
                self._sleep(timeout)
            else:
                lock.acquire(True, -1 if timeout is None else min(timeout, _MAX_WAIT))
        except KeyboardInterrupt:
            # Stop while waiting: asyncio.Runner's handler cancels the main task (as CPython's SIGINT handler does).
            if not self._interrupted():
                raise
        return []

    def wake(self):
        if self._lock is None:
            return
        try:
            self._lock.release()
        except RuntimeError:
            pass  # already released: a wake-up is pending

    def close(self):
        pass


class InterleaveEventLoop(SignalHandlers, base_events.BaseEventLoop):
    """asyncio's base event loop with a selector-less wait. Timers, the ready queue, tasks, executors, shutdown of
    async generators and of the default executor all come from the standard library unchanged; signal handlers
    (add_signal_handler) from _signals.py."""

    # Set by the package for the length of a run.
    _thread_module = None
    _sleep = staticmethod(time.sleep)
    _recorder_factory = None
    _interrupted = staticmethod(lambda: False)
    # Seconds a loop with signal handlers waits at most when it has no timer. None (set by the package) without
    # green threads (nothing could wake it) and under a virtual clock (a long wait would be skipped at once and the
    # loop would spin): there a loop waiting only for a signal ends as any wait for ever does.
    _signal_wait_seconds = None

    def __init__(self):
        super().__init__()
        cls = type(self)
        self._selector = Waker(cls._thread_module, cls._sleep, cls._interrupted, self._wait_for_signal)
        factory = type(self)._recorder_factory
        self._recorder = factory(self) if factory is not None else None
        self._executor_futures = weakref.WeakSet()

    # ---- the two hooks BaseEventLoop leaves to its subclasses ----

    def _process_events(self, event_list):
        rec = self._recorder
        if rec is not None:
            rec.before_callbacks(self)

    def _write_to_self(self):
        self._selector.wake()

    def _wait_for_signal(self):
        return type(self)._signal_wait_seconds if self.__dict__.get("_signal_handlers") else None

    # ---- recording (only when a recorder is attached) ----

    def _run_once(self):
        rec = self._recorder
        if rec is None:
            return super()._run_once()
        try:
            super()._run_once()
        finally:
            rec.after_callbacks(self)

    def create_task(self, coro, *, name=None, **kwargs):
        if name is None and self._task_factory is None:
            # CPython numbers unnamed tasks Task-1, Task-2, ... per process; the C counter here lives as long as the
            # interpreter, so each run counts afresh.
            name = f"Task-{next(_task_numbers[0])}"
        task = super().create_task(coro, name=name, **kwargs)
        rec = self._recorder
        if rec is not None:
            rec.task_created(self, task)
        return task

    def run_in_executor(self, executor, func, *args):
        future = super().run_in_executor(executor, func, *args)
        if self._recorder is not None:
            self._executor_futures.add(future)
        return future

    def close(self):
        super().close()
        self._selector.close()
        rec = self._recorder
        if rec is not None:
            rec.loop_closed(self)


def make_policy(base):
    """The run's event loop policy, a subclass of Pyodide's (`base` is its instance): new loops are ours.

    Pyodide's `run_sync` (how a green thread parks) asks `asyncio.get_event_loop()` for a loop to wrap JavaScript
    promises in, and that must stay Pyodide's WebLoop: while `syncing()` says so, this policy hands out the WebLoop
    (and the running loop is unset around the call, see __init__.py)."""

    class InterleaveEventLoopPolicy(type(base)):
        def __init__(self):
            self._base = base
            self._current = None

        def get_event_loop(self):
            # Pyodide wraps every JavaScript promise handed to Python in a future of get_event_loop()'s loop:
            # with no loop of the learner's set, that stays Pyodide's WebLoop.
            if _syncing[0] or self._current is None:
                if not _syncing[0] and _asked_by_learner():
                    # CPython 3.14 no longer makes a loop here (python/cpython#126354, Lib/asyncio/events.py,
                    # _BaseDefaultEventLoopPolicy.get_event_loop): the learner's call raises as it would there.
                    raise RuntimeError(
                        "There is no current event loop in thread %r." % events.threading.current_thread().name
                    )
                return self._base.get_event_loop()
            return self._current

        def set_event_loop(self, loop):
            self._current = loop

        def new_event_loop(self):
            return InterleaveEventLoop()

    # What the program sees (reprs, type names) is what python3 on Linux shows, not the runtime's module.
    _named_as(InterleaveEventLoopPolicy, "asyncio.unix_events", "_UnixDefaultEventLoopPolicy")
    return InterleaveEventLoopPolicy()


def _asked_by_learner():
    """The policy's get_event_loop was called (through asyncio.get_event_loop) from the learner's code, not from
    Pyodide's or the standard library's."""
    from ..threads._report import is_user_file

    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename == events.__file__:
        frame = frame.f_back
    return frame is not None and is_user_file(frame.f_code.co_filename)


def _named_as(cls, module, name):
    cls.__module__, cls.__name__, cls.__qualname__ = module, name, name


_named_as(InterleaveEventLoop, "asyncio.unix_events", "_UnixSelectorEventLoop")


_syncing = [0]
_task_numbers = [itertools.count(1)]


def reset_task_numbers():
    _task_numbers[0] = itertools.count(1)
