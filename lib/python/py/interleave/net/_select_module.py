"""The `select` module over the run's loopback network: select(), poll() and epoll() as CPython on Linux has them.

Readiness comes from the endpoints' poll masks (_kernel.Endpoint.mask, after Linux's tcp_poll / unix_poll); a file
descriptor that is not a socket (a file, stdout) is always ready, as a regular file is. Waiting blocks the calling
green thread on every endpoint involved until one of them changes or the timeout passes, so `selectors`, asyncio's
selector event loop and socketserver wait here without holding the "GIL".
"""

import math
import os
import types

from . import _errors, _kernel
from ._linux import SELECT as S
from ._kernel import POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDNORM, POLLWRNORM
from ._socket_module import state

POLLRDBAND = S["POLLRDBAND"]
POLLWRBAND = S["POLLWRBAND"]
EPOLLIN = S["EPOLLIN"]
EPOLLPRI = S["EPOLLPRI"]
EPOLLOUT = S["EPOLLOUT"]
EPOLLERR = S["EPOLLERR"]
EPOLLHUP = S["EPOLLHUP"]
EPOLLET = S["EPOLLET"]
EPOLLONESHOT = S["EPOLLONESHOT"]
EPOLLEXCLUSIVE = S["EPOLLEXCLUSIVE"]
FD_SETSIZE = 1024

# fs/select.c: what select() counts as readable, writable and exceptional.
_IN_SET = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR
_OUT_SET = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR
_EX_SET = POLLPRI
_FILE_MASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM


def _fd_of(obj):
    """PyObject_AsFileDescriptor: an int, or the int an object's fileno() returns."""
    if isinstance(obj, int):
        fd = obj
    else:
        meth = getattr(obj, "fileno", None)
        if meth is None:
            raise TypeError("argument must be an int, or have a fileno() method.")
        fd = meth()
        if not isinstance(fd, int):
            raise TypeError("fileno() returned a non-integer")
    if fd < 0:
        raise ValueError(f"file descriptor cannot be a negative integer ({fd})")
    return fd


def _is_open(fd):
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _mask(fd):
    """(poll mask of fd, its endpoint or None); POLLNVAL for a descriptor that is not open."""
    k = state.kernel
    ep = k.fds.get(fd) if k is not None else None
    if ep is not None:
        return ep.mask(), ep
    if fd in _epoll_fds:
        return _epoll_fds[fd]._mask(), None
    if _is_open(fd):
        return _FILE_MASK, None
    return POLLNVAL, None


def _seconds(timeout, what="timeout must be a float or None"):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        try:
            timeout = timeout.__index__()
        except AttributeError:
            raise TypeError(what) from None
    timeout = float(timeout)
    if math.isnan(timeout):
        raise ValueError("Invalid value NaN (not a number)")
    return timeout


def _note_idle_poll():
    """A poll that found nothing and will not wait: let other processes' messages in now and then (see _remote)."""
    k = state.kernel
    if k is not None and k.ns.remote is not None:
        k.ns.remote.idle_poll()


def select(rlist, wlist, xlist, timeout=None, /):
    """Wait until one or more file descriptors are ready for some kind of I/O (see select(2))."""
    t = _seconds(timeout)
    if t is not None and t < 0:
        raise ValueError("timeout must be non-negative")
    lists = []
    for seq in (rlist, wlist, xlist):
        try:
            items = list(seq)
        except TypeError:
            raise TypeError("arguments 1-3 must be sequences") from None
        entries = []
        for obj in items:
            fd = _fd_of(obj)
            if fd >= FD_SETSIZE:
                raise ValueError("filedescriptor out of range in select()")
            entries.append((obj, fd))
        lists.append(entries)
    endpoints = []
    for entries in lists:
        for _, fd in entries:
            mask, ep = _mask(fd)
            if mask == POLLNVAL:
                raise _errors.error("EBADF")
            if ep is not None and ep not in endpoints:
                endpoints.append(ep)
    result = [None]

    def ready():
        r = [obj for obj, fd in lists[0] if _mask(fd)[0] & _IN_SET]
        w = [obj for obj, fd in lists[1] if _mask(fd)[0] & _OUT_SET]
        x = [obj for obj, fd in lists[2] if _mask(fd)[0] & _EX_SET]
        if r or w or x:
            result[0] = (r, w, x)
            return True
        return False

    if ready():
        return result[0]
    if t == 0:
        _note_idle_poll()
        return ([], [], [])
    if not endpoints:
        # Nothing here can become ready: only the timeout can end the wait.
        if t is None:
            _kernel.wait([], lambda: False, None, label="select() with nothing to wait for", depth=2)
        else:
            import time

            time.sleep(t)
        return ([], [], [])
    if _kernel.wait(endpoints, ready, t, depth=2):
        return result[0]
    return ([], [], [])


class poll:  # noqa: N801 - select.poll's type is called "poll"
    """A polling object (select.poll()): register descriptors, then poll([timeout in ms])."""

    __module__ = "select"

    def __init__(self):
        self._fds = {}
        self._polling = False

    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT, /):
        fd = _fd_of(fd)
        self._fds[fd] = eventmask & 0xFFFF

    def modify(self, fd, eventmask, /):
        fd = _fd_of(fd)
        if fd not in self._fds:
            raise _errors.error("ENOENT")
        self._fds[fd] = eventmask & 0xFFFF

    def unregister(self, fd, /):
        fd = _fd_of(fd)
        if fd not in self._fds:
            raise KeyError(fd)
        del self._fds[fd]

    def poll(self, timeout=None, /):
        t = _seconds(timeout, "Timeout must be an integer or None")
        if t is not None:
            t = None if t < 0 else math.ceil(t) / 1000.0
        if self._polling:
            raise RuntimeError("concurrent poll() invocation")
        self._polling = True
        try:
            return self._poll(t)
        finally:
            self._polling = False

    def _scan(self):
        out = []
        for fd, want in list(self._fds.items()):
            mask, _ = _mask(fd)
            revents = mask & (want | POLLERR | POLLHUP | POLLNVAL)
            if revents:
                out.append((fd, revents))
        return out

    def _poll(self, t):
        found = self._scan()
        if found:
            return found
        if t == 0:
            _note_idle_poll()
            return []
        endpoints = [ep for ep in (_mask(fd)[1] for fd in self._fds) if ep is not None]
        box = []

        def ready():
            box[:] = self._scan()
            return bool(box)

        _kernel.wait(endpoints, ready, t, depth=3)
        return list(box)


_epoll_fds = {}  # fd -> epoll object (an epoll has a file descriptor of its own)


class epoll:  # noqa: N801 - select.epoll
    """select.epoll(sizehint=-1, flags=0): an edge and level triggered I/O event notification object."""

    __module__ = "select"

    def __init__(self, sizehint=-1, flags=0):
        if sizehint == -1:
            pass
        elif sizehint <= 0:
            raise ValueError("negative sizehint")
        self._fds = {}  # fd -> [eventmask, endpoint, fired (EPOLLONESHOT), last mask (EPOLLET)]
        self._fd = os.open("/dev/null", os.O_RDONLY)
        _epoll_fds[self._fd] = self

    @classmethod
    def fromfd(cls, fd):
        raise OSError("epoll.fromfd() is not available here: an epoll object cannot be shared through its descriptor")

    def _check(self):
        if self._fd < 0:
            raise ValueError("I/O operation on closed epoll object")

    @property
    def closed(self):
        return self._fd < 0

    def fileno(self):
        self._check()
        return self._fd

    def close(self):
        if self._fd >= 0:
            _epoll_fds.pop(self._fd, None)
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = -1
            self._fds.clear()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass

    def _endpoint_checked(self, fd):
        k = state.kernel
        ep = k.fds.get(fd) if k is not None else None
        if ep is None:
            if fd in _epoll_fds:
                return None
            if _is_open(fd):
                raise _errors.error("EPERM")  # epoll refuses regular files
            raise _errors.error("EBADF")
        return ep

    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        self._check()
        fd = _fd_of(fd)
        ep = self._endpoint_checked(fd)
        entry = self._fds.get(fd)
        if entry is not None and (entry[1] is ep and (ep is None or not ep.released)):
            raise _errors.error("EEXIST")
        self._fds[fd] = [eventmask & 0xFFFFFFFF, ep, False, 0]

    def _registered(self, fd):
        """(fd, its entry) for modify() and unregister(): ENOENT unless fd is registered, for the same socket."""
        self._check()
        fd = _fd_of(fd)
        ep = self._endpoint_checked(fd)
        entry = self._fds.get(fd)
        if entry is None or entry[1] is not ep:
            raise _errors.error("ENOENT")
        return fd, entry

    def modify(self, fd, eventmask):
        _, entry = self._registered(fd)
        entry[0] = eventmask & 0xFFFFFFFF
        entry[2] = False
        entry[3] = 0

    def unregister(self, fd):
        fd, _ = self._registered(fd)
        del self._fds[fd]

    def _alive(self):
        """Entries whose socket is still open under that descriptor (epoll forgets a socket once it is closed)."""
        k = state.kernel
        for fd, entry in list(self._fds.items()):
            ep = entry[1]
            if ep is not None and (ep.released or k is None or k.fds.get(fd) is not ep):
                del self._fds[fd]
        return self._fds

    def _scan(self, maxevents):
        out = []
        for fd, entry in self._alive().items():
            want, ep, fired, last = entry
            if fired:
                continue
            mask = ep.mask() if ep is not None else _epoll_fds[fd]._mask() if fd in _epoll_fds else 0
            events = mask & (want | EPOLLERR | EPOLLHUP)
            if want & EPOLLET:
                new = events & ~last
                entry[3] = events
                events = new
            if events:
                out.append((fd, events))
                if want & EPOLLONESHOT:
                    entry[2] = True
                if len(out) >= maxevents:
                    break
        return out

    def _mask(self):
        return POLLIN | POLLRDNORM if self._scan_peek() else 0

    def _scan_peek(self):
        for fd, (want, ep, fired, _) in self._alive().items():
            if not fired and ep is not None and ep.mask() & (want | EPOLLERR | EPOLLHUP):
                return True
        return False

    def poll(self, timeout=None, maxevents=-1):
        self._check()
        t = _seconds(timeout)
        if t is not None and t < 0:
            t = None
        if t is not None:
            t = math.ceil(t * 1000.0) / 1000.0
        if maxevents == -1:
            maxevents = FD_SETSIZE - 1
        elif maxevents < 1:
            raise ValueError(f"maxevents must be greater than 0, got {maxevents}")
        found = self._scan(maxevents)
        if found:
            return found
        if t == 0:
            _note_idle_poll()
            return []
        endpoints = [entry[1] for entry in self._fds.values() if entry[1] is not None]
        box = []

        def ready():
            box[:] = self._scan(maxevents)
            return bool(box)

        _kernel.wait(endpoints, ready, t, depth=2)
        return list(box)


def build(real):
    m = types.ModuleType("select", real.__doc__)
    for name, value in S.items():
        setattr(m, name, value)
    from .. import _visible

    m.error = OSError
    m.select = _visible.like_builtin(select, real.select)  # <built-in function select>
    m.poll = poll
    m.epoll = epoll
    return m
