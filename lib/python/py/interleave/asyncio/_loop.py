"""The event loop a learner's asyncio program runs on: CPython's own selector event loop (the same `_run_once`,
ready queue and timer heap as `python3` on Linux), over the run's loopback network.

Pyodide's own loop (WebLoop) hands every callback to the browser's setTimeout: callbacks then run in a different
order from CPython, each `sleep(0)` costs a trip through the browser, and a thread calling `call_soon_threadsafe`
cannot wake it while the green threads run. Here the loop is asyncio's `_UnixSelectorEventLoop` and its selector is
`selectors.DefaultSelector` (epoll) over interleave.net's sockets: waiting for the next timer, for a socket to be
ready, or for `call_soon_threadsafe` (a byte on the loop's self-pipe, a socketpair) blocks the loop's green thread
in the thread scheduler, so other threads run meanwhile. loop.sock_*, streams, create_server and friends are the
standard library's own; signal handlers (add_signal_handler) come from _signals.py.
"""

import asyncio.events as events
import asyncio.unix_events as unix_events
import itertools
import sys
import time
import weakref

from ._signals import SignalHandlers

# A loop with signal handlers and nothing else to wait for waits this long at once (CPython's MAXIMUM_SELECT_TIMEOUT,
# one day) instead of for ever: see _selector.
_MAX_WAIT = 24 * 3600

def _selector(signal_wait):
    """The loop's selector: an instance of the run's selectors.DefaultSelector (EpollSelector, as on Linux: its class,
    name and isinstance() are the standard library's). Stop interrupts its wait as SIGINT interrupts epoll_wait: the
    handler (asyncio.Runner's) runs in the loop's thread, and if it returns the wait goes on (PEP 475); its
    call_soon_threadsafe has made the self-pipe ready by then.

    `signal_wait`: () -> seconds to wait at most when there is no timer but a signal handler could still wake the
    loop (Stop, loop.add_signal_handler): a wait for ever on sockets only this program could make ready would be
    reported as a deadlock. None: no such handler."""
    import selectors

    base = selectors.DefaultSelector

    class Selector(base):
        def select(self, timeout=None):
            if timeout is None:
                timeout = signal_wait()
            return super().select(timeout)

    Selector.__name__, Selector.__qualname__, Selector.__module__ = base.__name__, base.__qualname__, base.__module__
    return Selector()


class InterleaveEventLoop(SignalHandlers, unix_events.SelectorEventLoop):
    """asyncio's selector event loop (as `asyncio.new_event_loop()` on Linux) over the run's sockets. Timers, the
    ready queue, tasks, transports, executors, shutdown of async generators and of the default executor all come
    from the standard library unchanged; signal handlers (add_signal_handler) from _signals.py."""

    # Set by the package for the length of a run.
    _thread_module = None
    _sleep = staticmethod(time.sleep)
    _recorder_factory = None
    # Seconds a loop with signal handlers waits at most when it has no timer. None (set by the package) without
    # green threads (nothing could wake it) and under a virtual clock (a long wait would be skipped at once and the
    # loop would spin): there a loop waiting only for a signal ends as any wait for ever does.
    _signal_wait_seconds = None

    def __init__(self):
        super().__init__(selector=_selector(self._wait_for_signal))
        factory = type(self)._recorder_factory
        self._recorder = factory(self) if factory is not None else None
        self._executor_futures = weakref.WeakSet()

    def _process_events(self, event_list):
        super()._process_events(event_list)
        rec = self._recorder
        if rec is not None:
            rec.before_callbacks(self)

    def _sock_connect_cb(self, fut, sock, address):
        # As selector_events' own, except for the exception's class: Pyodide maps OSError(111) to no subclass (its
        # C library numbers ECONNREFUSED 14), CPython on Linux to ConnectionRefusedError.
        if fut.done():
            return
        import socket

        try:
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err != 0:
                from interleave.net import _errors

                raise _errors.from_number(err, f"Connect call failed {address}")
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - as asyncio does
            fut.set_exception(exc)
        else:
            fut.set_result(None)
        finally:
            fut = None

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
