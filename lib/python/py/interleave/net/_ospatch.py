"""os functions that meet a socket's file descriptor: read, write, close, dup, sendfile, get/set_blocking.

A socket's descriptor is a real one (a placeholder opened on /dev/null, so sockets and files never share a number);
for the length of a run these functions see whether a descriptor is a socket and then act on the socket, as the
kernel does: `os.read(s.fileno(), n)` receives, `os.close(fd)` closes the socket (what multiprocessing.connection's
Connection does with a socket it detached).
"""

import os

from .. import _swap
from . import _socket_module

NAMES = ("read", "write", "close", "dup", "sendfile", "get_blocking", "set_blocking")
# Socket descriptors the kernel closed when the run ended. multiprocessing's Connection binds os.close as a default
# argument, so one collected after the run closes its descriptor with this module's close: that is no error (the
# process that held it is over), as it would not be one on CPython, whose process is gone by then.
closed_at_end = set()


def _endpoint(fd):
    k = _socket_module.state.kernel
    if k is None or not isinstance(fd, int):
        return None
    return k.fds.get(fd)


def _as_socket(fd, ep):
    """A socket object over fd that blocks as the descriptor does (O_NONBLOCK), without owning the descriptor."""
    s = object.__new__(_socket_module.socket)
    s._fd = fd
    s._family = ep.family
    s._type = ep.type
    s._proto = ep.proto
    s._timeout = 0.0 if ep.nonblock else None
    return s


def _through_socket(fd, ep, method, arg):
    """os.read/os.write on a socket's descriptor: the socket's recv/send, through a socket object that lets go of
    the descriptor afterwards (it is not its to close)."""
    s = _as_socket(fd, ep)
    try:
        return getattr(s, method)(arg)
    finally:
        s._fd = -1


class OsPatch:
    def __init__(self):
        self.saved = {}

    def install(self):
        if self.saved:
            return
        saved = self.saved
        for name in NAMES:
            saved[name] = getattr(os, name, None)
        real = dict(saved)

        def read(fd, length, /):
            ep = _endpoint(fd)
            return real["read"](fd, length) if ep is None else _through_socket(fd, ep, "recv", length)

        def write(fd, data, /):
            ep = _endpoint(fd)
            return real["write"](fd, data) if ep is None else _through_socket(fd, ep, "send", data)

        def close(fd):
            ep = _endpoint(fd)
            if ep is None:
                if fd in closed_at_end:
                    closed_at_end.discard(fd)
                    return None
                return real["close"](fd)
            _socket_module.state.kernel.close_fd(fd)
            return None

        def dup(fd, /):
            ep = _endpoint(fd)
            if ep is None:
                return real["dup"](fd)
            return _socket_module.state.kernel.dup(fd)

        def get_blocking(fd, /):
            ep = _endpoint(fd)
            if ep is None:
                return real["get_blocking"](fd)
            return not ep.nonblock

        def set_blocking(fd, blocking, /):
            ep = _endpoint(fd)
            if ep is None:
                return real["set_blocking"](fd, blocking)
            ep.nonblock = not blocking
            return None

        def sendfile(out_fd, in_fd, offset, count):
            ep = _endpoint(out_fd)
            if ep is None:
                if real["sendfile"] is None:
                    raise OSError("sendfile is not available")
                return real["sendfile"](out_fd, in_fd, offset, count)
            if count <= 0:
                return 0
            data = os.pread(in_fd, count, offset) if offset is not None else real["read"](in_fd, count)
            if not data:
                return 0
            s = _as_socket(out_fd, ep)
            try:
                return s.send(data)
            finally:
                s._fd = -1

        from .. import _visible

        for fn in (read, write, close, dup, get_blocking, set_blocking, sendfile):
            original = real.get(fn.__name__)
            if original is not None:
                # Prints, pickles and binds as the C function it stands in for (<built-in function read>).
                setattr(os, fn.__name__, _visible.like_builtin(fn, original))

    def restore(self):
        _swap.put_back(os, self.saved)
        self.saved = {}
