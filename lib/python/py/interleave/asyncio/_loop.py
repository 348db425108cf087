"""The event loop a learner's asyncio program runs on: CPython's own selector event loop (the same `_run_once`,
ready queue and timer heap as `python3` on Linux), over the run's loopback network.

Pyodide's own loop (WebLoop) hands every callback to the browser's setTimeout: callbacks then run in a different
order from CPython, each `sleep(0)` costs a trip through the browser, and a thread calling `call_soon_threadsafe`
cannot wake it while the green threads run. Here the loop is asyncio's `_UnixSelectorEventLoop` and its selector is
`selectors.DefaultSelector` (epoll) over interleave.net's sockets: waiting for the next timer, for a socket to be
ready, or for `call_soon_threadsafe` (a byte on the loop's self-pipe, a socketpair) blocks the loop's green thread
in the thread scheduler, so other threads run meanwhile. loop.sock_*, streams, create_server and friends are the
standard library's own.
"""

import asyncio.unix_events as unix_events
import itertools
import time
import weakref


class _Selector:
    """The loop's selector: selectors.DefaultSelector of the run, except that Stop (a KeyboardInterrupt raised
    while the loop waits) goes to asyncio.Runner's SIGINT handler, as the signal does in CPython (it interrupts
    epoll_wait, runs the handler, which cancels the main task, and the loop goes on)."""

    def __init__(self, interrupted):
        import selectors

        self._inner = selectors.DefaultSelector()
        self._interrupted = interrupted

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def select(self, timeout=None):
        try:
            return self._inner.select(timeout)
        except KeyboardInterrupt:
            if not self._interrupted():
                raise
            return []


class InterleaveEventLoop(unix_events.SelectorEventLoop):
    """asyncio's selector event loop (as `asyncio.new_event_loop()` on Linux) over the run's sockets. Timers, the
    ready queue, tasks, transports, executors, shutdown of async generators and of the default executor all come
    from the standard library unchanged."""

    # Set by the package for the length of a run.
    _thread_module = None
    _sleep = staticmethod(time.sleep)
    _recorder_factory = None
    _interrupted = staticmethod(lambda: False)

    def __init__(self):
        super().__init__(selector=_Selector(type(self)._interrupted))
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


# Named as the class asyncio.new_event_loop() returns on Linux, so the loop prints as there:
# <_UnixSelectorEventLoop running=True closed=False debug=False>.
InterleaveEventLoop.__name__ = InterleaveEventLoop.__qualname__ = "_UnixSelectorEventLoop"
InterleaveEventLoop.__module__ = "asyncio.unix_events"


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
                return self._base.get_event_loop()
            return self._current

        def set_event_loop(self, loop):
            self._current = loop

        def new_event_loop(self):
            return InterleaveEventLoop()

    return InterleaveEventLoopPolicy()


_syncing = [0]
_task_numbers = [itertools.count(1)]


def reset_task_numbers():
    _task_numbers[0] = itertools.count(1)
