"""Pipes between processes: multiprocessing.connection's Connection, Pipe and wait over the page's channels.

A channel is one direction of a pipe, held by the page as a queue of messages (send_bytes is one message, as
on CPython, where each is framed with its length). The page counts which processes hold each end: reading a
channel whose write end nobody holds any more gives EOFError, as on a real pipe. A connection handed to a child
through Process(args=...) is held by the child from the moment it starts (like an inherited file descriptor).

Listener and Client are CPython's own, over the run's loopback network (interleave.net): a listener is a socket
(AF_UNIX by default, as on Linux, or AF_INET), and the connections they make are CPython's socket-based
Connection (os.read/os.write on the socket's descriptor); managers use them as they do on CPython.
"""

import collections
import io
import itertools
import json

from . import _host

_channel_numbers = itertools.count(1)
# Messages this process took ahead from channels it alone reads (the page sends what is queued in one reply).
_ahead = {}


def new_channel():
    n = next(_channel_numbers)
    if n >= 65536:
        raise OSError(24, "Too many pipes opened by this process")
    return (_host.pid - _host.base_pid) * 65536 + n


class Sentinel:
    """Process.sentinel: ready in connection.wait() once the process has ended."""

    __slots__ = ("pid",)

    def __init__(self, pid):
        self.pid = pid

    def __repr__(self):
        return f"<process sentinel pid={self.pid}>"


def _read(chan, timeout, peek, label):
    ahead = _ahead.get(chan)
    if ahead:
        return {"ready": True} if peek else {"data": ahead.popleft()}
    ms = None if timeout is None else max(0.0, timeout) * 1000
    reply = _host.request(_host.js.read(chan, ms, peek), label)
    if reply["more"]:
        _ahead.setdefault(chan, collections.deque()).extend(reply["more"])
    return reply


def _give_back(chan):
    """Hand messages taken ahead back to the page (before the connection goes to another process, or closes)."""
    ahead = _ahead.pop(chan, None)
    if ahead and _host.js is not None:
        _host.js.unread(chan, _host.to_js_list([bytes(m) for m in ahead]))


def patch(mod):
    """Called right after multiprocessing.connection was executed for this run."""
    base = mod._ConnectionBase
    socket_connection = mod.Connection  # CPython's own: a socket's file descriptor (Listener, Client)
    original_wait = mod.wait

    class Connection(base):
        """A connection over the page's channels: reads `_rchan`, writes `_wchan`. Called with a socket's file
        descriptor (as SocketListener and SocketClient do), it makes CPython's socket-based Connection instead."""

        def __new__(cls, rchan, wchan=_SOCKET, readable=True, writable=True, held=False):
            if wchan is _SOCKET:
                # Connection(fd): how SocketListener.accept() and SocketClient() wrap a socket they detached.
                return socket_connection(rchan)
            return super().__new__(cls)

        def __init__(self, rchan, wchan=_SOCKET, readable=True, writable=True, held=False):
            super().__init__(rchan if readable else wchan, readable, writable)
            self._rchan = rchan if readable else None
            self._wchan = wchan if writable else None
            if not held:
                self._ref(1)

        def _ref(self, delta):
            js = _host.js
            if js is None:
                return
            if self._rchan is not None:
                js.ref(self._rchan, "r", delta)
            if self._wchan is not None:
                js.ref(self._wchan, "w", delta)

        def _close(self, _close=None):
            if getattr(self, "_rchan", None) is None and getattr(self, "_wchan", None) is None:
                return
            try:
                if self._rchan is not None:
                    _give_back(self._rchan)
                self._ref(-1)
            finally:
                self._rchan = self._wchan = None

        def _send_bytes(self, buf):
            _host.flush_output()
            _host.js.write(self._wchan, _host.to_js_bytes(buf))

        def _recv_bytes(self, maxsize=None):
            reply = _read(self._rchan, None, False, "pipe read")
            if reply.get("eof"):
                raise EOFError
            data = reply["data"]
            if maxsize is not None and len(data) > maxsize:
                return None
            buf = io.BytesIO()
            buf.write(data)
            return buf

        def _poll(self, timeout):
            return bool(_read(self._rchan, timeout, True, "pipe poll").get("ready"))

        def __reduce__(self):
            from multiprocessing import context

            if self._handle is None:
                raise OSError("handle is closed")
            if self._rchan is not None:
                _give_back(self._rchan)
            popen = context.get_spawning_popen()
            if popen is not None:
                # The child holds these ends from its start, as a spawned process inherits its fds.
                if self._rchan is not None:
                    popen.duplicate_for_child({"chan": self._rchan, "end": "r"})
                if self._wchan is not None:
                    popen.duplicate_for_child({"chan": self._wchan, "end": "w"})
            return _rebuild, (self._rchan, self._wchan, self.readable, self.writable, popen is not None)

    def Pipe(duplex=True):
        if duplex:
            a, b = new_channel(), new_channel()
            return Connection(a, b), Connection(b, a)
        chan = new_channel()
        return Connection(chan, None, True, False), Connection(None, chan, False, True)

    def is_socket(obj):
        """A socket-based Connection, a socket, or a socket's descriptor (what CPython's wait() takes on Linux)."""
        if isinstance(obj, socket_connection):
            return True
        if isinstance(obj, int) and not isinstance(obj, bool):
            return _is_socket_fd(obj)
        import socket

        return isinstance(obj, socket.socket)

    def wait(object_list, timeout=None):
        object_list = list(object_list)
        sockets = [obj for obj in object_list if is_socket(obj)]
        if sockets and len(sockets) == len(object_list):
            return original_wait(object_list, timeout)
        if sockets:
            return _wait_mixed(object_list, sockets, timeout)
        chans, pids = {}, {}
        for obj in object_list:
            if isinstance(obj, Connection):
                if obj._rchan is None:
                    raise OSError("connection is not readable")
                chans.setdefault(obj._rchan, []).append(obj)
            elif isinstance(obj, Sentinel):
                pids.setdefault(obj.pid, []).append(obj)
            else:
                raise TypeError(f"multiprocessing.connection.wait() here accepts connections and process sentinels, not {type(obj).__name__}")
        if not chans and not pids:
            if timeout is not None:
                import time

                time.sleep(timeout)
            return []
        ready = [obj for c, objs in chans.items() if _ahead.get(c) for obj in objs]
        if ready:
            return ready
        ms = None if timeout is None else max(0.0, timeout) * 1000
        reply = _host.request(_host.js.select(json.dumps(list(chans)), json.dumps(list(pids)), ms), "connection.wait")
        for c in reply.get("chans", []):
            ready.extend(chans.get(c, []))
        for p in reply.get("pids", []):
            ready.extend(pids.get(p, []))
        return ready

    def _wait_mixed(object_list, sockets, timeout):
        """Sockets and page pipes (or sentinels) at once: look at both in turn, each briefly."""
        import time

        others = [obj for obj in object_list if obj not in sockets]
        deadline = None if timeout is None else time.monotonic() + timeout
        slice_s = 0.001
        while True:
            ready = original_wait(sockets, 0) + wait(others, 0)
            if ready:
                return [obj for obj in object_list if obj in ready]
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return []
            step = slice_s if left is None else min(slice_s, left)
            ready = original_wait(sockets, step / 2) + wait(others, step / 2)
            if ready:
                return [obj for obj in object_list if obj in ready]
            slice_s = min(slice_s * 2, 0.05)

    def reduce_socket_connection(conn):
        raise TypeError(
            "a connection made by Listener/Client cannot be sent to another process here (its socket stays in the "
            "process that made it): send the listener's address and connect from there"
        )

    mod.reduction.register(socket_connection, reduce_socket_connection)
    for obj in (Connection, Pipe, wait):
        # Named as multiprocessing.connection's own (reprs, pickling by reference).
        obj.__module__ = mod.__name__
        obj.__qualname__ = obj.__name__
        setattr(mod, obj.__name__, obj)
    global _Connection
    _Connection = Connection


_Connection = None
_SOCKET = object()  # Connection() called with a single argument: a socket's descriptor


def _is_socket_fd(handle):
    if not isinstance(handle, int) or isinstance(handle, bool):
        return False
    try:
        from interleave.net import _socket_module
    except ImportError:
        return False
    k = _socket_module.state.kernel
    return k is not None and handle in k.fds


def _rebuild(rchan, wchan, readable, writable, held):
    if _Connection is None:
        import multiprocessing.connection  # noqa: F401 - patched as it is executed
    return _Connection(rchan, wchan, readable, writable, held=held)
