"""Pipes between processes: multiprocessing.connection's Connection, Pipe and wait over the page's channels.

A channel is one direction of a pipe, held by the page as a queue of messages (send_bytes is one message, as
on CPython, where each is framed with its length). The page counts which processes hold each end: reading a
channel whose write end nobody holds any more gives EOFError, as on a real pipe. A connection handed to a child
through Process(args=...) is held by the child from the moment it starts (like an inherited file descriptor).
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

    class Connection(base):
        """A connection over the page's channels: reads `_rchan`, writes `_wchan`."""

        def __init__(self, rchan, wchan, readable=True, writable=True, held=False):
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

    def wait(object_list, timeout=None):
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

    _addresses = itertools.count(1)

    class Listener:
        """multiprocessing.connection.Listener over the page: an address is a name in the run's table (no socket);
        Client(address) from any process of the run connects. Used by managers (Manager(), BaseManager)."""

        def __init__(self, address=None, family=None, backlog=1, authkey=None):
            if authkey is not None and not isinstance(authkey, bytes):
                raise TypeError("authkey should be a byte string")
            if address is None:
                address = f"/interleave/listener-{_host.pid}-{next(_addresses)}"
            if not isinstance(address, str):
                address = repr(address)
            self._address = address
            self._authkey = authkey
            self._chan = new_channel()
            self._last_accepted = None
            reply = _host.request(_host.js.bind(address, self._chan), "Listener")
            if reply.get("error"):
                raise OSError(98, f"{reply['error']}: {address!r}")
            _host.js.ref(self._chan, "r", 1)
            self._open = True

        def accept(self):
            if not self._open:
                raise OSError("listener is closed")
            reply = _read(self._chan, None, False, "Listener.accept")
            if reply.get("eof"):
                raise OSError("listener is closed")
            ends = json.loads(bytes(reply["data"]).decode())
            c = Connection(ends["r"], ends["w"], held=True)
            self._last_accepted = self._address
            if self._authkey is not None:
                mod.deliver_challenge(c, self._authkey)
                mod.answer_challenge(c, self._authkey)
            return c

        def close(self):
            if self._open:
                self._open = False
                _host.js.unbind(self._address)
                _host.js.ref(self._chan, "r", -1)

        @property
        def address(self):
            return self._address

        @property
        def last_accepted(self):
            return self._last_accepted

        def __enter__(self):
            return self

        def __exit__(self, *args):
            self.close()

    def Client(address, family=None, authkey=None):
        if not isinstance(address, str):
            address = repr(address)
        r, w = new_channel(), new_channel()
        c = Connection(r, w)
        reply = _host.request(_host.js.connect(address, w, r), "Client")
        if reply.get("error"):
            c.close()
            raise ConnectionRefusedError(111, "Connection refused", address)
        if authkey is not None:
            mod.answer_challenge(c, authkey)
            mod.deliver_challenge(c, authkey)
        return c

    for obj in (Connection, Pipe, wait, Listener, Client):
        # Named as multiprocessing.connection's own (reprs, pickling by reference).
        obj.__module__ = mod.__name__
        obj.__qualname__ = obj.__name__
        setattr(mod, obj.__name__, obj)
    global _Connection
    _Connection = Connection


_Connection = None


def _rebuild(rchan, wchan, readable, writable, held):
    if _Connection is None:
        import multiprocessing.connection  # noqa: F401 - patched as it is executed
    return _Connection(rchan, wchan, readable, writable, held=held)
