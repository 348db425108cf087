"""Lock, RLock, thread handles and thread-locals over the green-thread scheduler.

These replace the C types of `_thread`. They stay usable when no run is active (a module imported during one
run keeps its locks): without a scheduler a lock behaves as in a program with a single thread.

Preemption never lands inside these methods (see _preempt.py), so a check-then-set such as
`if not self._locked: self._locked = True` is atomic, as the C versions are. A preemption that arrived while one
of them ran is carried out at the end of acquire() or release(): the same places where CPython could switch
threads around a `with lock:` block (after __enter__ returns, after __exit__ returns).
"""

import sys

from . import _report


class _State:
    """The running scheduler, if any (module-level so every primitive finds the current run's)."""

    __slots__ = ("sched",)

    def __init__(self):
        self.sched = None


state = _State()


def _check_timeout(blocking, timeout):
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")
    if timeout > TIMEOUT_MAX:
        raise OverflowError("timeout value is too large")


TIMEOUT_MAX = 9223372036.0


def _no_scheduler_wait(what):
    raise RuntimeError(f"deadlock: {what} can never be acquired (no other thread is running)")


def _acquire_slow(lock, blocking, timeout):
    """`lock` is held: wait for it, as a thread blocked in the C lock would (releasing the GIL)."""
    if not blocking:
        return False
    if timeout == 0:
        return False
    s = state.sched
    t = s.me() if s is not None else None
    if t is None:
        _no_scheduler_wait("this lock")
    deadline = None if timeout < 0 else s.clock.now() + timeout
    waiters = lock._waiters
    if waiters is None:
        waiters = lock._waiters = []
    wait = _report.Wait("lock", lock, sys._getframe(2))
    while True:
        waiters.append(t)
        try:
            reason = s.block(t, wait, deadline)
        finally:
            try:
                waiters.remove(t)
            except ValueError:
                pass
        if not lock._locked:
            lock._locked = True
            lock._owner = t
            return True
        if reason == "timeout" or (deadline is not None and s.clock.now() >= deadline):
            return False


def _wake_one(waiters):
    s = state.sched
    if s is None:
        return
    for t in waiters:
        if t.state == "blocked":
            s.wake(t, "release")
            return


class lock:  # noqa: N801 - named as CPython's _thread.lock
    """A primitive lock (threading.Lock)."""

    __slots__ = ("_locked", "_owner", "_waiters", "__weakref__")
    __module__ = "_thread"

    def __init__(self):
        self._locked = False
        self._owner = None
        self._waiters = None

    def acquire(self, blocking=True, timeout=-1):
        if timeout != -1:
            _check_timeout(blocking, timeout)
        if not self._locked:
            self._locked = True
            s = state.sched
            if s is not None:
                self._owner = s.current
                if s.tick_deferred:
                    s.run_deferred_tick()
            return True
        return _acquire_slow(self, blocking, timeout)

    __enter__ = acquire
    acquire_lock = acquire

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        self._owner = None
        if self._waiters:
            _wake_one(self._waiters)
        s = state.sched
        if s is not None and s.tick_deferred:
            s.run_deferred_tick()

    release_lock = release

    def __exit__(self, t, v, tb):
        # release() written out again, not called: `with lock:` is the hottest path of threaded programs, and the
        # extra call costs about 10-40% of it (python3 -m timeit); RLock, rarer, calls its release().
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        self._owner = None
        if self._waiters:
            _wake_one(self._waiters)
        s = state.sched
        if s is not None and s.tick_deferred:
            s.run_deferred_tick()

    def locked(self):
        return self._locked

    locked_lock = locked

    def _at_fork_reinit(self):
        self._locked = False
        self._owner = None
        self._waiters = None

    def __repr__(self):
        return f"<{'locked' if self._locked else 'unlocked'} _thread.lock object at {id(self):#x}>"


LockType = lock


class RLock:
    """A reentrant lock (threading.RLock): an owner, a count and a plain lock underneath."""

    __slots__ = ("_block", "_owner", "_count", "__weakref__")
    __module__ = "_thread"

    def __init__(self, *args, **kwargs):
        self._block = lock()
        self._owner = 0
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        s = state.sched
        me = s.get_ident() if s is not None else 0
        if self._count and self._owner == me:
            self._count += 1
            return True
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        s = state.sched
        me = s.get_ident() if s is not None else 0
        if not self._count or self._owner != me:
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = 0
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def locked(self):
        return self._block._locked

    def _is_owned(self):
        s = state.sched
        return bool(self._count) and self._owner == (s.get_ident() if s is not None else 0)

    def _recursion_count(self):
        return self._count if self._is_owned() else 0

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        saved = (self._count, self._owner)
        self._count = 0
        self._owner = 0
        self._block.release()
        return saved

    def _acquire_restore(self, saved):
        self._block.acquire()
        self._count, self._owner = saved

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        self._owner = 0
        self._count = 0

    def __repr__(self):
        return (
            f"<{'locked' if self._block._locked else 'unlocked'} _thread.RLock object owner={self._owner} "
            f"count={self._count} at {id(self):#x}>"
        )


class _ThreadHandle:
    """What threading.Thread keeps of its OS thread: an ident, and join()/is_done()."""

    __slots__ = ("_thread", "_ident", "_done", "_joiners", "__weakref__")
    __module__ = "_thread"

    def __init__(self, *args, **kwargs):
        self._thread = None
        self._ident = 0
        self._done = False
        self._joiners = None

    def _attach(self, t):
        self._thread = t
        self._ident = t.ident

    @property
    def ident(self):
        return self._ident

    def is_done(self):
        return self._done

    def _set_done(self):
        self._finish()

    def _finish(self):
        self._done = True
        joiners = self._joiners
        if joiners:
            s = state.sched
            if s is not None:
                for t in list(joiners):
                    s.wake(t, "joined")

    def join(self, timeout=None):
        if self._done:
            return
        join_handle(self, timeout, "join", sys._getframe(1))

    def __repr__(self):
        return f"<_thread._ThreadHandle object: ident={self._ident}>"


def join_handle(handle, timeout, kind, frame):
    s = state.sched
    t = s.me() if s is not None else None
    if t is None:
        _no_scheduler_wait("this thread")
    if handle._thread is t:
        raise RuntimeError("Cannot join current thread")
    if timeout is not None:
        if timeout <= 0:
            return
    deadline = None if timeout is None else s.clock.now() + timeout
    joiners = handle._joiners
    if joiners is None:
        joiners = handle._joiners = []
    wait = _report.Wait(kind, handle, frame)
    while not handle._done:
        joiners.append(t)
        try:
            reason = s.block(t, wait, deadline)
        finally:
            try:
                joiners.remove(t)
            except ValueError:
                pass
        if reason == "timeout" or (deadline is not None and s.clock.now() >= deadline):
            return


def _make_thread_handle(ident):
    h = _ThreadHandle()
    s = state.sched
    if s is not None:
        t = s.threads.get(ident)
        if t is not None:
            h._attach(t)
            if t.handle is None:
                t.handle = h
    h._ident = ident
    return h


class _local:  # noqa: N801 - named as CPython's _thread._local
    """Thread-local data (threading.local): one attribute dict per green thread, swapped in on each access."""

    __slots__ = ("_local__dicts", "_local__args", "__dict__", "__weakref__")
    __module__ = "_thread"

    def __new__(cls, /, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__dicts", {})
        object.__setattr__(self, "_local__args", (args, kw))
        # The creating thread's dict; type.__call__ runs __init__ on it.
        d = {}
        # Not self._local__dicts: that goes through __getattribute__, which would make (and __init__) a second dict.
        object.__getattribute__(self, "_local__dicts")[_ident()] = d
        object.__setattr__(self, "__dict__", d)
        return self

    def __getattribute__(self, name):
        d = _local_dict(self)
        object.__setattr__(self, "__dict__", d)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        d = _local_dict(self)
        object.__setattr__(self, "__dict__", d)
        return object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        d = _local_dict(self)
        object.__setattr__(self, "__dict__", d)
        return object.__delattr__(self, name)


def _ident():
    s = state.sched
    return s.get_ident() if s is not None else 0


def _local_dict(self):
    dicts = object.__getattribute__(self, "_local__dicts")
    ident = _ident()
    d = dicts.get(ident)
    if d is None:
        d = dicts[ident] = {}
        object.__setattr__(self, "__dict__", d)
        cls = type(self)
        if cls.__init__ is not object.__init__:
            args, kw = object.__getattribute__(self, "_local__args")
            cls.__init__(self, *args, **kw)
    return d
