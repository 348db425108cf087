"""`_multiprocessing` for the browser: SemLock over a SharedArrayBuffer that every process of the run can reach.

CPython's multiprocessing.synchronize builds Lock, RLock, Semaphore, BoundedSemaphore, Condition and Event on
`_multiprocessing.SemLock`; this one keeps the count (and a recursive mutex's owner) in shared memory and waits
with Atomics.waitAsync (lib/python/worker/processes.ts), so a blocked process sleeps without spinning and its
other threads keep running. Pickled only while spawning a child (synchronize.SemLock checks), as the handle.
"""

import time

from . import _host

SEM_VALUE_MAX = 2**31 - 1
RECURSIVE_MUTEX, SEMAPHORE = 0, 1
flags = {}


class SemLock:
    __module__ = "_multiprocessing"  # the module it stands in for
    SEM_VALUE_MAX = SEM_VALUE_MAX

    def __init__(self, kind, value, maxvalue, name=None, unlink=False):
        if kind not in (RECURSIVE_MUTEX, SEMAPHORE):
            raise ValueError("unrecognized kind")
        if not 0 <= value <= SEM_VALUE_MAX:
            raise ValueError("invalid value")
        self.handle = _host.js.alloc(16)
        _host.js.semInit(self.handle, value)
        self._setup(kind, maxvalue)

    def _setup(self, kind, maxvalue):
        self.kind = kind
        self.maxvalue = maxvalue
        # No named semaphore and so nothing for the resource tracker: the page frees the memory with the run.
        self.name = None
        self._local_count = 0
        self._last_tid = None

    @classmethod
    def _rebuild(cls, handle, kind, maxvalue, name):
        self = cls.__new__(cls)
        self.handle = handle
        _host.js.semState(handle)  # fails clearly if this process never received it
        self._setup(kind, maxvalue)
        return self

    def _me(self):
        return _host.pid, _host.ident()

    def acquire(self, block=True, timeout=None):
        pid, tid = self._me()
        js = _host.js
        if js.semTry(self.handle, self.kind, pid, tid):
            self._acquired(tid)
            return True
        if not block:
            return False
        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while True:
            if deadline is None:
                ms = None
            else:
                ms = (deadline - time.monotonic()) * 1000
                if ms <= 0:
                    return False
            _host.block(js.semWait(self.handle, ms), "lock (shared between processes)")
            if js.semTry(self.handle, self.kind, pid, tid):
                self._acquired(tid)
                return True

    def _acquired(self, tid):
        self._local_count += 1
        self._last_tid = tid

    def release(self):
        _host.flush_output()
        pid, tid = self._me()
        err = _host.js.semRelease(self.handle, self.kind, self.maxvalue, pid, tid)
        if err == "not owned":
            raise AssertionError("attempt to release recursive lock not owned by thread")
        if err == "too many":
            raise ValueError("semaphore or lock released too many times")
        if self._local_count > 0:
            self._local_count -= 1

    __enter__ = acquire

    def __exit__(self, *args):
        self.release()

    def _state(self):
        return list(_host.js.semState(self.handle))

    def _count(self):
        if self.kind == RECURSIVE_MUTEX:
            count, owner_pid, owner_tid, depth = self._state()
            return depth if (owner_pid, owner_tid) == self._me() else 0
        return self._local_count

    def _is_mine(self):
        if self.kind == RECURSIVE_MUTEX:
            return self._count() > 0
        return self._local_count > 0 and self._last_tid == _host.ident()

    def _get_value(self):
        return self._state()[0]

    def _is_zero(self):
        return self._state()[0] == 0

    def _after_fork(self):
        self._local_count = 0


def sem_unlink(name):
    pass
