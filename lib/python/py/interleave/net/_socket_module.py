"""The `_socket` module that socket.py is built on, re-implemented over the run's loopback network (_kernel.py).

Created once per interpreter and put in sys.modules["_socket"]; socket.py, selectors.py and asyncio.streams are
executed again over it (see __init__.py), so `socket.socket`, `socket.create_connection`, `makefile`, selectors,
socketserver and asyncio's selector event loop are the standard library's own. Its functions ask the current
run's kernel (`state.kernel`); between runs there is none, and a socket operation fails with ENETDOWN.
"""

import struct
import types

from . import _errors, _kernel, _resolve
from ._kernel import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    CLOSED,
    CONNECTED,
    CONNECTING,
    LISTEN,
    MSG_DONTWAIT,
    MSG_PEEK,
    MSG_TRUNC,
    MSG_WAITALL,
    NEW,
    RCV_SHUTDOWN,
    SEND_SHUTDOWN,
    SHUTDOWN_MASK,
    SOCK_CLOEXEC,
    SOCK_DGRAM,
    SOCK_NONBLOCK,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    SOL_SOCKET,
    Endpoint,
)
from ._linux import SOCKET as C


class _State:
    __slots__ = ("kernel", "default_timeout")

    def __init__(self):
        self.kernel = None
        self.default_timeout = None


state = _State()

IPPROTO_TCP = C["IPPROTO_TCP"]
IPPROTO_UDP = C["IPPROTO_UDP"]
IPPROTO_IPV6 = C["IPPROTO_IPV6"]
IPPROTO_IP = C["IPPROTO_IP"]
SO_ERROR = C["SO_ERROR"]
SO_TYPE = C["SO_TYPE"]
SO_DOMAIN = C["SO_DOMAIN"]
SO_PROTOCOL = C["SO_PROTOCOL"]
SO_ACCEPTCONN = C["SO_ACCEPTCONN"]
SO_LINGER = C["SO_LINGER"]
SO_RCVBUF = C["SO_RCVBUF"]
SO_SNDBUF = C["SO_SNDBUF"]
SO_RCVTIMEO = C["SO_RCVTIMEO"]
SO_SNDTIMEO = C["SO_SNDTIMEO"]
SO_BROADCAST = C["SO_BROADCAST"]
IPV6_V6ONLY = C["IPV6_V6ONLY"]
TCP_NODELAY = C["TCP_NODELAY"]
_TCP_OPTS = {v for k, v in C.items() if k.startswith("TCP_")}
_SOCKET_OPTS = {v for k, v in C.items() if k.startswith("SO_")}
_IP_OPTS = {v for k, v in C.items() if k.startswith("IP_")}
_IPV6_OPTS = {v for k, v in C.items() if k.startswith("IPV6_")}
_WMEM_MAX = 212992  # net.core.wmem_max / rmem_max: setsockopt(SO_SNDBUF/SO_RCVBUF) is capped here, then doubled


def _kernel_now():
    k = state.kernel
    if k is None or k.closed:
        raise _errors.error("ENETDOWN")
    return k


def _ebadf():
    return _errors.error("EBADF")


def _einval():
    return _errors.error("EINVAL")


def _index(value, what="an integer"):
    if isinstance(value, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    try:
        return value.__index__()
    except AttributeError:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as {what}") from None


def _bufsize(value, method):
    """A receive size as socketmodule.c takes it: an index, and not negative ("negative buffersize in recv")."""
    size = _index(value)
    if size < 0:
        raise ValueError(f"negative buffersize in {method}")
    return size


def _parse_timeout(value):
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        t = float(value)
    else:
        t = float(_index(value))
    if t != t:
        raise ValueError("Invalid value NaN (not a number)")
    if t < 0:
        raise ValueError("Timeout value out of range")
    return t


def _bytes_view(data, what="a bytes-like object"):
    if isinstance(data, str):
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
    try:
        return memoryview(data).cast("B")
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'") from None


def _host_text(host):
    if isinstance(host, str):
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            raise UnicodeError("encoding with 'idna' codec failed") from None
    if isinstance(host, (bytes, bytearray)):
        return bytes(host).decode("ascii", "replace")
    raise TypeError(f"str, bytes or bytearray expected, not {type(host).__name__}")


def _port(port, caller):
    port = _index(port)
    if not -(2**31) <= port < 2**31:
        raise OverflowError("signed integer is greater than maximum" if port > 0 else "signed integer is less than minimum")
    if not 0 <= port <= 65535:
        raise OverflowError(f"{caller}(): port must be 0-65535.")
    return port


def _unix_key(path):
    """(key, reported address) of an AF_UNIX address: an absolute path, or an abstract name (bytes, leading NUL)."""
    import os

    if isinstance(path, str):
        raw = os.fsencode(path)
    elif isinstance(path, (bytes, bytearray, memoryview)):
        raw = bytes(path)
    elif hasattr(path, "__fspath__"):
        raw = os.fsencode(os.fspath(path))
    else:
        raise TypeError(f"a bytes-like object is required, not '{type(path).__name__}'")
    if len(raw) > _kernel.UNIX_PATH_MAX:
        raise OSError("AF_UNIX path too long")
    if raw[:1] == b"\0":
        return raw, raw
    if not raw:
        return None, ""
    text = os.fsdecode(raw)
    return os.path.abspath(text), text


def _sockaddr(family, address, caller):
    """getsockaddrarg(): (family, host text, port, flowinfo, scope) for INET, or (key, text) for AF_UNIX."""
    if family == AF_INET:
        if not isinstance(address, tuple):
            raise TypeError(f"{caller}(): AF_INET address must be tuple, not {type(address).__name__}")
        if len(address) != 2:
            raise TypeError("AF_INET address must be a pair (host, port)")
        host, port = address
        text = _host_text(host)
        port = _port(port, caller)
        return _resolve.host_address(text, AF_INET), port, 0, 0
    if family == AF_INET6:
        if not isinstance(address, tuple):
            raise TypeError(f"{caller}(): AF_INET6 address must be tuple, not {type(address).__name__}")
        if not 2 <= len(address) <= 4:
            raise TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
        host, port = address[0], address[1]
        flowinfo = _index(address[2]) if len(address) > 2 else 0
        scope = _index(address[3]) if len(address) > 3 else 0
        text = _host_text(host)
        port = _port(port, caller)
        if not 0 <= flowinfo <= 0xFFFFF:
            raise OverflowError(f"{caller}(): flowinfo must be 0-1048575.")
        return _resolve.host_address(text, AF_INET6), port, flowinfo, scope
    raise _errors.error("EAFNOSUPPORT")


def _is_loopback4(host):
    packed = _resolve.ipv4(host)
    return packed is not None and packed[0] == 127


def _local_bind_ok(family, host):
    if family == AF_INET:
        return host == "0.0.0.0" or _is_loopback4(host)
    if host in ("::", "::1"):
        return True
    return host.startswith("::ffff:") and _is_loopback4(host[7:])


def _destination(family, host):
    """(family, host) a connection to `host` reaches on the loopback, or ENETUNREACH (no other network here)."""
    if family == AF_INET:
        if host == "0.0.0.0":
            return AF_INET, "127.0.0.1"
        if _is_loopback4(host):
            return AF_INET, host
        if host == "255.255.255.255":
            return None
        return None
    if host in ("::1", "::"):
        return AF_INET6, "::1"
    if host.startswith("::ffff:"):
        four = host[7:]
        if four == "0.0.0.0":
            return AF_INET, "127.0.0.1"
        if _is_loopback4(four):
            return AF_INET, four
    return None


def _source_host(ep, dest_family):
    """The address a socket sends from: its bound address, else the loopback of the destination's family."""
    if ep.laddr is not None and ep.laddr[0] not in ("0.0.0.0", "::"):
        host = ep.laddr[0]
        if ep.family == AF_INET6 and dest_family == AF_INET and host.startswith("::ffff:"):
            return host[7:]
        return host
    return "127.0.0.1" if dest_family == AF_INET else "::1"


def _report_addr(family, host, port, flowinfo=0, scope=0):
    if family == AF_INET:
        return (host, port)
    return (host, port, flowinfo, scope)


def _unbound_addr(family):
    if family == AF_INET:
        return ("0.0.0.0", 0)
    if family == AF_INET6:
        return ("::", 0, 0, 0)
    return ""


def _kind(ep):
    return "tcp" if ep.type == SOCK_STREAM else "udp"


def _autobind(ep, dest_family=None):
    """Linux binds an unbound socket to an ephemeral port when it connects, sends or listens."""
    if ep.laddr is not None or ep.family == AF_UNIX:
        return
    k = ep.kernel
    wildcard = "0.0.0.0" if ep.family == AF_INET else "::"
    b = k.ns.bind_port(_kind(ep), ep.family, wildcard, 0, ep)
    ep.binding = b
    ep.laddr = _report_addr(ep.family, wildcard, b.port)


# ---- waiting for a socket, with the semantics of CPython's sock_call_ex ----


def _wait(sock, ep, ready, timeout, flags=0, extra=()):
    """Wait until ready(); raises BlockingIOError (non-blocking) or TimeoutError (timeout elapsed)."""
    if flags & MSG_DONTWAIT:
        timeout = 0.0
    if ready():
        return
    if timeout == 0:
        remote = ep.kernel.ns.remote
        if remote is not None:
            remote.idle_poll()
            if ready():
                return
        raise _errors.error("EAGAIN")
    if not _kernel.wait([ep, *extra], ready, timeout, obj=sock, depth=3):
        raise _errors.timeout()


class socket:  # noqa: N801 - named as CPython's _socket.socket
    """socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None) -> socket object (over the loopback network)."""

    __slots__ = ("_fd", "_family", "_type", "_proto", "_timeout")
    __module__ = "_socket"

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002 - CPython's names
        self._fd = -1
        k = _kernel_now()
        if fileno is not None:
            if isinstance(fileno, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            fd = _index(fileno)
            if fd < 0:
                raise ValueError("negative file descriptor")
            ep = k.fds.get(fd)
            if ep is None:
                import os

                try:
                    os.fstat(fd)
                except OSError:
                    raise _ebadf() from None
                raise _errors.error("ENOTSOCK")
            self._family = ep.family if family == -1 else family
            self._type = ep.type if type == -1 else type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
            self._proto = ep.proto if proto == -1 else proto
            self._fd = fd
            self._timeout = state.default_timeout
            if self._timeout is not None:
                ep.nonblock = True
            return
        family = AF_INET if family == -1 else _index(family)
        type = SOCK_STREAM if type == -1 else _index(type)  # noqa: A001
        proto = 0 if proto == -1 else _index(proto)
        base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        if family not in (AF_INET, AF_INET6, AF_UNIX):
            raise _errors.error("EAFNOSUPPORT")
        if base not in (SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET):
            raise _einval()
        if base == SOCK_RAW:
            if family == AF_UNIX:
                raise _errors.error("ESOCKTNOSUPPORT")
            raise _errors.error("EPERM")
        if base == SOCK_SEQPACKET:
            raise _errors.error("ESOCKTNOSUPPORT" if family != AF_UNIX else "EOPNOTSUPP")
        if family != AF_UNIX:
            want = IPPROTO_TCP if base == SOCK_STREAM else IPPROTO_UDP
            if proto not in (0, want):
                raise _errors.error("EPROTONOSUPPORT")
        elif proto != 0:
            raise _errors.error("EPROTONOSUPPORT")
        ep = Endpoint(k, family, base, proto)
        self._family = family
        self._type = base
        self._proto = proto
        self._fd = k.new_fd(ep)
        if type & SOCK_NONBLOCK:
            self._timeout = 0.0
        else:
            self._timeout = state.default_timeout
        ep.nonblock = self._timeout is not None

    # ---- identity ----

    # Read-only, with the docstrings of CPython's _socket (socket.py's subclass wraps family and type in enums).
    family = property(lambda self: self._family, doc="the socket family")
    type = property(lambda self: self._type, doc="the socket type")
    proto = property(lambda self: self._proto, doc="the socket protocol")
    timeout = property(lambda self: self._timeout, doc="the socket timeout")

    def fileno(self):
        """Return the integer file descriptor of the socket."""
        return self._fd

    def __repr__(self):
        return f"<socket object, fd={self._fd}, family={self._family}, type={self._type}, proto={self._proto}>"

    def __reduce_ex__(self, protocol):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")

    def _ep(self):
        fd = self._fd
        if fd < 0:
            raise _ebadf()
        k = _kernel_now()
        ep = k.fds.get(fd)
        if ep is None:
            raise _ebadf()
        return ep

    def _endpoint_or_none(self):
        k = state.kernel
        if k is None or self._fd < 0:
            return None
        return k.fds.get(self._fd)

    # ---- lifetime ----

    def close(self):
        """Close the socket. It cannot be used after this call."""
        fd = self._fd
        if fd < 0:
            return
        self._fd = -1
        k = state.kernel
        if k is not None and not k.closed:
            k.close_fd(fd)

    def detach(self):
        """Close the socket object without closing the underlying file descriptor; return that descriptor."""
        fd = self._fd
        self._fd = -1
        return fd

    def __del__(self):
        if self._fd >= 0 and state.kernel is not None and not state.kernel.closed:
            import warnings

            try:
                warnings.warn(f"unclosed {self!r}", ResourceWarning, stacklevel=1, source=self)
            except Exception:  # noqa: BLE001 - a finalizer must not raise
                pass
            try:
                self.close()
            except OSError:
                pass

    # ---- blocking and timeouts ----

    def settimeout(self, value):
        """Set a timeout on socket operations: a float (seconds), 0.0 (non-blocking) or None (blocking)."""
        t = _parse_timeout(value)
        ep = self._endpoint_or_none()
        self._timeout = t
        if ep is not None:
            ep.nonblock = t is not None

    def gettimeout(self):
        """Returns the timeout in seconds (float) associated with socket operations, or None."""
        return self._timeout

    def setblocking(self, flag):
        """Set the socket to blocking (flag is true) or non-blocking (false)."""
        self._ep()
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        """Returns True if the socket is in blocking mode, or False if it is in non-blocking mode."""
        return self._timeout != 0.0

    # ---- addresses ----

    def bind(self, address):
        """Bind the socket to a local address."""
        ep = self._ep()
        k = ep.kernel
        if ep.family == AF_UNIX:
            key, text = _unix_key(address)
            if ep.path is not None or (ep.laddr not in (None, "")):
                raise _einval()
            if key is None:
                # Linux autobind: an abstract name of five hex digits.
                key = text = b"\0" + f"{ep.id:05x}".encode()
            if isinstance(key, str):
                import os

                if os.path.exists(key):
                    raise _errors.error("EADDRINUSE")
                parent = os.path.dirname(key)
                if not os.path.isdir(parent):
                    raise _errors.error("ENOENT")
                if k.ns.remote is not None:
                    k.ns.remote.claim_path(ep.type, key)
                k.ns.bind_path(ep.type, key, ep)
                with open(key, "wb"):
                    pass
                k.unix_files.add(key)
            else:
                if k.ns.find_path(ep.type, key) is not None:
                    raise _errors.error("EADDRINUSE")
                if k.ns.remote is not None:
                    k.ns.remote.claim_path(ep.type, key)
                k.ns.bind_path(ep.type, key, ep)
            if k.ns.remote is not None:
                k.ns.remote.path_bound(ep.type, key, ep)
            ep.path = (ep.type, key)
            ep.laddr = text
            return
        host, port, flowinfo, scope = _sockaddr(ep.family, address, "bind")
        if ep.laddr is not None:
            raise _einval()
        if not _local_bind_ok(ep.family, host):
            raise _errors.error("EADDRNOTAVAIL")
        if 0 < port < 1024:
            raise _errors.error("EACCES")
        b = k.ns.bind_port(_kind(ep), ep.family, host, port, ep)
        ep.binding = b
        ep.laddr = _report_addr(ep.family, host, b.port, flowinfo, scope)

    def getsockname(self):
        """Return the address of the local endpoint."""
        ep = self._ep()
        if ep.laddr is None:
            return _unbound_addr(ep.family)
        return ep.laddr

    def getpeername(self):
        """Return the address of the remote endpoint."""
        ep = self._ep()
        if ep.type == SOCK_DGRAM:
            if ep.dest is None:
                raise _errors.error("ENOTCONN")
            return ep.raddr
        if ep.state != CONNECTED or ep.raddr is None:
            raise _errors.error("ENOTCONN")
        return ep.raddr

    # ---- listening and accepting ----

    def listen(self, backlog=None):
        """Enable a server to accept connections (backlog: how many may wait for accept())."""
        ep = self._ep()
        if backlog is None:
            backlog = min(_kernel.SOMAXCONN, 128)
        backlog = _index(backlog)
        if ep.type != SOCK_STREAM:
            raise _errors.error("EOPNOTSUPP")
        if ep.state in (CONNECTED, CONNECTING):
            raise _einval()
        if ep.family == AF_UNIX and ep.path is None:
            raise _einval()
        backlog = max(0, min(backlog, _kernel.SOMAXCONN))
        if ep.state == LISTEN:
            ep.backlog = backlog
            return
        _autobind(ep)
        k = ep.kernel
        if ep.binding is not None:
            for b in k.ns.ports.get(("tcp", ep.binding.port), ()):
                if b.ep is not ep and not b.ep.released and b.ep.state == LISTEN and b.overlaps(ep.family, ep.binding.host, ep.binding.v6only):
                    if not (b.reuseport and ep.binding.reuseport):
                        raise _errors.error("EADDRINUSE")
        ep.state = LISTEN
        ep.backlog = backlog
        import collections

        ep.accq = collections.deque()
        ep.connectors = collections.deque()
        if k.ns.remote is not None:
            k.ns.remote.listening(ep)

    def _accept(self):
        """_accept() -> (integer file descriptor, address info)"""
        ep = self._ep()
        if ep.type != SOCK_STREAM:
            raise _errors.error("EOPNOTSUPP")
        if ep.state != LISTEN:
            raise _einval()
        _wait(self, ep, lambda: bool(ep.accq) or ep.state != LISTEN or ep.released, self._timeout)
        if ep.state != LISTEN or ep.released:
            raise _einval()
        srv = ep.accq.popleft()
        k = ep.kernel
        k.accepted(ep, srv)
        if srv.remote is not None:
            srv.remote.accepted()
        fd = k.new_fd(srv)
        return fd, srv.raddr if srv.raddr is not None else _unbound_addr(ep.family)

    # ---- connecting ----

    def connect(self, address):
        """Connect the socket to a remote address."""
        err = self._connect(address, True)
        if err:
            raise err

    def connect_ex(self, address):
        """Like connect(address), but return an error code (the errno value) instead of raising an exception."""
        err = self._connect(address, False)
        if err is None:
            return 0
        return err.errno if err.errno is not None else _errors.number("EAGAIN")

    def _connect(self, address, raising):
        ep = self._ep()
        k = ep.kernel
        if ep.type == SOCK_DGRAM:
            return self._connect_dgram(ep, address)
        if ep.family == AF_UNIX:
            return self._connect_unix(ep, address)
        host, port, flowinfo, scope = _sockaddr(ep.family, address, "connect_ex" if not raising else "connect")
        if ep.state == LISTEN:
            return _errors.error("EISCONN")
        if ep.state == CONNECTED:
            if ep.inprogress:
                ep.inprogress = False  # a non-blocking connect finished: this call reports its success
                return None
            return _errors.error("EISCONN")
        if ep.state == CLOSED:
            if ep.inprogress:
                ep.inprogress = False
                err = ep.take_err() or _errors.number("ECONNREFUSED")
                ep.state = NEW
                ep.shut = 0
                return _errors.from_number(err)
            return _errors.error("EISCONN")
        if ep.state == CONNECTING:
            if self._timeout == 0:
                return _errors.error("EALREADY")
            ep.inprogress = False
            return self._finish_connect(ep)
        dest = _destination(ep.family, host)
        if dest is None:
            return _errors.error("ENETUNREACH")
        dfam, dhost = dest
        nonblocking = self._timeout == 0
        # The source address and an ephemeral port, as the kernel picks them when connecting.
        src = _source_host(ep, dfam)
        if ep.laddr is None:
            b = k.ns.bind_port("tcp", ep.family, src if ep.family == dfam else "::ffff:" + src if ep.family == AF_INET6 else src, 0, ep, client=True)
            ep.binding = b
            autobound = True
        else:
            b = ep.binding
            autobound = False
        if ep.family == AF_INET6 and dfam == AF_INET:
            ep.laddr = ("::ffff:" + src if ":" not in src else src, b.port, 0, 0)
        else:
            ep.laddr = _report_addr(ep.family, src, b.port)
        lst = k.ns.find("tcp", dfam, dhost, port, True) if port else None
        if lst is None and port and k.ns.remote is not None and k.ns.remote.multi():
            return k.ns.remote.connect(self, ep, dfam, dhost, port, self._timeout, autobound)
        if lst is None:
            if autobound:
                k.ns.unbind("tcp", b)
                ep.binding = None
                ep.laddr = None
            if nonblocking:
                ep.err = _errors.number("ECONNREFUSED")
                ep.state = CLOSED
                ep.shut = SHUTDOWN_MASK
                ep.inprogress = True
                return _errors.error("EINPROGRESS")
            return _errors.error("ECONNREFUSED")
        if k.queue_full(lst):
            ep.state = CONNECTING
            ep.dest = dhost
            ep.listener = lst
            lst.connectors.append(ep)
            if nonblocking:
                ep.inprogress = True
                return _errors.error("EINPROGRESS")
            return self._finish_connect(ep)
        k.establish(lst, ep, dhost)
        if nonblocking:
            ep.inprogress = True
            return _errors.error("EINPROGRESS")
        return None

    def _finish_connect(self, ep):
        """Wait for a connect that waits for room in a full accept queue (SYN_SENT)."""
        try:
            _wait(self, ep, lambda: ep.state != CONNECTING, self._timeout)
        except TimeoutError as exc:
            ep.kernel._drop_connector(ep)
            ep.state = NEW
            return exc
        if ep.state == CONNECTED:
            return None
        if ep.err:
            return _errors.from_number(ep.take_err())
        return _errors.error("ECONNREFUSED")

    def _connect_unix(self, ep, address):
        k = ep.kernel
        key, text = _unix_key(address)
        if key is None:
            return _einval()
        if ep.state == LISTEN:
            return _einval()
        if ep.state == CONNECTED:
            return _errors.error("EISCONN")
        lst = k.ns.find_path(SOCK_STREAM, key)
        if lst is not None and isinstance(key, str):
            import os

            if not os.path.exists(key):
                lst = None  # the socket file was removed: the name is gone
        if lst is None and k.ns.remote is not None and k.ns.remote.multi():
            return k.ns.remote.connect_unix(self, ep, key, text, self._timeout)
        if lst is None or lst.state != LISTEN:
            if isinstance(key, str):
                import os

                if not os.path.exists(key):
                    return _errors.error("ENOENT")
            return _errors.error("ECONNREFUSED")
        if k.queue_full(lst):
            if self._timeout == 0:
                return _errors.error("EAGAIN")
            ep.state = CONNECTING
            ep.listener = lst
            ep.dest = None
            lst.connectors.append(ep)
            return self._finish_connect(ep)
        k.establish(lst, ep, None)
        return None

    def _connect_dgram(self, ep, address):
        k = ep.kernel
        if ep.family == AF_UNIX:
            key, text = _unix_key(address)
            target = k.ns.find_path(SOCK_DGRAM, key) if key is not None else None
            if target is None:
                if isinstance(key, str):
                    import os

                    if not os.path.exists(key):
                        return _errors.error("ENOENT")
                return _errors.error("ECONNREFUSED")
            ep.dest = (AF_UNIX, key)
            ep.raddr = text
            ep.peer = target
            return None
        host, port, flowinfo, scope = _sockaddr(ep.family, address, "connect")
        dest = _destination(ep.family, host)
        if dest is None:
            return _errors.error("ENETUNREACH")
        _autobind(ep)
        dfam, dhost = dest
        ep.dest = (dfam, dhost, port)
        src = _source_host(ep, dfam)
        if ep.laddr is not None and ep.laddr[0] in ("0.0.0.0", "::"):
            ep.laddr = _report_addr(ep.family, src if ep.family == dfam else ("::ffff:" + src), ep.laddr[1])
        ep.raddr = _report_addr(ep.family, host, port, flowinfo, scope)
        ep.state = CONNECTED
        return None

    # ---- sending ----

    def send(self, data, flags=0):
        """send(data[, flags]) -> count"""
        view = _bytes_view(data)
        ep = self._ep()
        if ep.type == SOCK_DGRAM:
            if ep.dest is None:
                raise _errors.error("EDESTADDRREQ")
            return self._send_datagram(ep, view, ep.dest)
        return self._send_stream(ep, view, flags, self._timeout, all_of_it=self._timeout is None and not flags & MSG_DONTWAIT)

    def sendall(self, data, flags=0):
        """sendall(data[, flags]): send all of data, or raise (how much was sent is then unknown)."""
        view = _bytes_view(data)
        ep = self._ep()
        if ep.type == SOCK_DGRAM:
            self.send(view, flags)
            return None
        timeout = self._timeout
        if timeout is None or timeout == 0 or flags & MSG_DONTWAIT:
            sent = 0
            while sent < len(view):
                sent += self._send_stream(ep, view[sent:], flags, timeout, all_of_it=timeout is None and not flags & MSG_DONTWAIT)
            return None
        s = _kernel._sched()
        clock = s.clock if s is not None else None
        import time

        now = clock.now if clock is not None else time.monotonic
        deadline = now() + timeout
        sent = 0
        while sent < len(view):
            left = deadline - now()
            if left <= 0:
                raise _errors.timeout()
            sent += self._send_stream(ep, view[sent:], flags, left, all_of_it=False)
        return None

    def _send_stream(self, ep, view, flags, timeout, all_of_it):
        n = len(view)
        sent = 0
        while True:
            if ep.err:
                if sent:
                    return sent
                raise _errors.from_number(ep.take_err())
            if ep.shut & SEND_SHUTDOWN or ep.state == CLOSED:
                if sent:
                    return sent
                raise _errors.error("EPIPE")
            if ep.state == LISTEN:
                raise _errors.error("EPIPE" if ep.family != AF_UNIX else "ENOTCONN")
            if ep.state == NEW:
                raise _errors.error("EPIPE" if ep.family != AF_UNIX else "ENOTCONN")
            if ep.state == CONNECTING:
                if timeout == 0 or flags & MSG_DONTWAIT:
                    raise _errors.error("EAGAIN")
                _wait(self, ep, lambda: ep.state != CONNECTING, timeout)
                continue
            if n == 0:
                return 0
            space = ep.writable_space()
            if space <= 0:
                if sent:
                    return sent
                _wait(self, ep, lambda: ep.writable_space() > 0 or bool(ep.err) or bool(ep.shut & SEND_SHUTDOWN) or ep.state != CONNECTED, timeout, flags)
                continue
            chunk = bytes(view[sent : sent + space])
            if ep.remote is not None:
                ep.remote.send(chunk)
            else:
                ep.peer.deliver(chunk, ep)
            sent += len(chunk)
            if sent >= n or not all_of_it:
                return sent

    def sendto(self, data, flags_or_address, address=None):
        """sendto(data[, flags], address) -> count"""
        if address is None:
            flags, address = 0, flags_or_address
        else:
            flags = _index(flags_or_address)
        view = _bytes_view(data)
        ep = self._ep()
        if ep.type != SOCK_DGRAM:
            if ep.state == CONNECTED:
                if ep.family == AF_UNIX:
                    raise _errors.error("EISCONN")
                return self._send_stream(ep, view, flags, self._timeout, all_of_it=self._timeout is None)
            raise _errors.error("EPIPE" if ep.family != AF_UNIX else "EOPNOTSUPP")
        if ep.family == AF_UNIX:
            key, text = _unix_key(address)
            return self._send_datagram(ep, view, (AF_UNIX, key))
        host, port, flowinfo, scope = _sockaddr(ep.family, address, "sendto")
        if host == "255.255.255.255":
            if not ep.opt(SOL_SOCKET, SO_BROADCAST):
                raise _errors.error("EACCES")
            raise _errors.error("ENETUNREACH")
        dest = _destination(ep.family, host)
        if dest is None:
            raise _errors.error("ENETUNREACH")
        return self._send_datagram(ep, view, (dest[0], dest[1], port))

    def _send_datagram(self, ep, view, dest):
        k = ep.kernel
        n = len(view)
        if ep.err:
            raise _errors.from_number(ep.take_err())
        if ep.shut & SEND_SHUTDOWN:
            raise _errors.error("EPIPE")
        if ep.family == AF_UNIX:
            key = dest[1]
            target = ep.peer if ep.dest == dest and ep.peer is not None else (k.ns.find_path(SOCK_DGRAM, key) if key is not None else None)
            if target is None or target.released:
                if k.ns.remote is not None and key is not None and k.ns.remote.send_unix_datagram(ep, key, bytes(view)):
                    return n
                if isinstance(key, str):
                    import os

                    if not os.path.exists(key):
                        raise _errors.error("ENOENT")
                raise _errors.error("ECONNREFUSED")
            if n > _kernel.DGRAM_QUEUE:
                raise _errors.error("EMSGSIZE")
            src = ep.laddr if ep.laddr not in (None,) else ""
            _queue_datagram(target, bytes(view), src)
            return n
        limit = _kernel.MAX_UDP4 if dest[0] == AF_INET else _kernel.MAX_UDP6
        if n > limit:
            raise _errors.error("EMSGSIZE")
        _autobind(ep)
        dfam, dhost, port = dest
        target = k.ns.find("udp", dfam, dhost, port, False) if port else None
        src_host = _source_host(ep, dfam)
        if target is None:
            if k.ns.remote is not None and port and k.ns.remote.send_datagram(ep, dfam, dhost, port, src_host, bytes(view)):
                return n
            if ep.dest is not None:
                # ICMP port unreachable: a connected UDP socket hears about it on its next call.
                ep.err = _errors.number("ECONNREFUSED")
            return n
        deliver_datagram(target, bytes(view), dfam, src_host, ep.laddr[1])
        return n

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
        """sendmsg(buffers[, ancdata[, flags[, address]]]) -> count (no ancillary data here)"""
        data = b"".join(bytes(_bytes_view(b)) for b in buffers)
        if list(ancdata):
            raise _errors.error("EOPNOTSUPP")
        if address is not None:
            return self.sendto(data, flags, address)
        return self.send(data, flags)

    # ---- receiving ----

    def recv(self, bufsize, flags=0):
        """recv(buffersize[, flags]) -> data"""
        bufsize = _bufsize(bufsize, "recv")
        ep = self._ep()
        if ep.type == SOCK_DGRAM:
            return self._recv_datagram(ep, bufsize, flags)[0]
        return self._recv_stream(ep, bufsize, flags)

    def _recv_stream(self, ep, bufsize, flags):
        if ep.state in (NEW, LISTEN):
            raise _errors.error("ENOTCONN")
        if bufsize == 0:
            return b""
        waitall = flags & MSG_WAITALL and not flags & MSG_PEEK

        def ready():
            if ep.rbuf and (not waitall or len(ep.rbuf) >= bufsize):
                return True
            return bool(ep.err) or bool(ep.shut & RCV_SHUTDOWN) or ep.state == CLOSED

        if not ready() and ep.state == CONNECTING and (self._timeout == 0 or flags & MSG_DONTWAIT):
            raise _errors.error("EAGAIN")
        if not ep.rbuf or waitall:
            _wait(self, ep, ready, self._timeout, flags)
        if ep.rbuf:
            data = bytes(ep.rbuf[:bufsize])
            if not flags & MSG_PEEK:
                del ep.rbuf[: len(data)]
                _consumed(ep, len(data))
            return data
        if ep.err:
            raise _errors.from_number(ep.take_err())
        return b""

    def recv_into(self, buffer, nbytes=0, flags=0):
        """recv_into(buffer, [nbytes[, flags]]) -> nbytes_read"""
        view = memoryview(buffer).cast("B")
        if view.readonly:
            raise TypeError("recv_into() argument 'buffer' must be read-write bytes-like object, not bytes")
        nbytes = _bufsize(nbytes, "recv_into")
        if nbytes == 0:
            nbytes = len(view)
        if nbytes > len(view):
            raise ValueError("buffer too small for requested bytes")
        data = self.recv(nbytes, flags)
        view[: len(data)] = data
        return len(data)

    def recvfrom(self, bufsize, flags=0):
        """recvfrom(buffersize[, flags]) -> (data, address info)"""
        bufsize = _bufsize(bufsize, "recvfrom")
        ep = self._ep()
        if ep.type == SOCK_DGRAM:
            return self._recv_datagram(ep, bufsize, flags)
        data = self._recv_stream(ep, bufsize, flags)
        if ep.family == AF_UNIX:
            return data, ep.raddr if ep.raddr is not None else ""
        return data, None

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        """recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)"""
        view = memoryview(buffer).cast("B")
        nbytes = _bufsize(nbytes, "recvfrom_into")
        if nbytes == 0:
            nbytes = len(view)
        if nbytes > len(view):
            raise ValueError("nbytes is greater than the length of the buffer")
        data, addr = self.recvfrom(nbytes, flags)
        view[: len(data)] = data
        return len(data), addr

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):
        """recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)"""
        data, addr = self.recvfrom(bufsize, flags)
        ep = self._ep()
        if ep.type == SOCK_STREAM and ep.family != AF_UNIX:
            addr = None
        return data, [], 0, addr

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):
        """recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)"""
        views = [memoryview(b).cast("B") for b in buffers]
        total = sum(len(v) for v in views)
        data, anc, msg_flags, addr = self.recvmsg(total, ancbufsize, flags)
        pos = 0
        for v in views:
            take = data[pos : pos + len(v)]
            v[: len(take)] = take
            pos += len(take)
        return len(data), anc, msg_flags, addr

    def _recv_datagram(self, ep, bufsize, flags):
        _wait(self, ep, lambda: bool(ep.dq) or bool(ep.err) or bool(ep.shut & RCV_SHUTDOWN), self._timeout, flags)
        if ep.err and not ep.dq:
            raise _errors.from_number(ep.take_err())
        if not ep.dq:
            return b"", None
        data, addr = ep.dq[0]
        if not flags & MSG_PEEK:
            ep.dq.popleft()
            ep.dbytes -= len(data)
        if flags & MSG_TRUNC:
            return data[:bufsize], addr
        return data[:bufsize], addr

    # ---- shutdown ----

    def shutdown(self, how):
        """shutdown(flag): SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2)."""
        how = _index(how)
        ep = self._ep()
        if how not in (0, 1, 2):
            raise _einval()
        mode = how + 1  # RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2
        k = ep.kernel
        if ep.type == SOCK_DGRAM:
            if ep.dest is None and ep.peer is None:
                raise _errors.error("ENOTCONN")
            ep.shut |= mode
            k.notify(ep)
            return
        if ep.state == LISTEN:
            if mode & RCV_SHUTDOWN:
                k._abort_queue(ep)
                ep.state = NEW
                ep.accq = None
                k.notify(ep)
            return
        if ep.state != CONNECTED:
            raise _errors.error("ENOTCONN")
        peer = ep.peer
        if ep.family == AF_UNIX:
            ep.shut |= mode
            if peer is not None and not peer.released:
                if ep.remote is not None:
                    ep.remote.shutdown(mode)
                else:
                    peer_mode = (SEND_SHUTDOWN if mode & RCV_SHUTDOWN else 0) | (RCV_SHUTDOWN if mode & SEND_SHUTDOWN else 0)
                    peer.shut |= peer_mode
                    k.notify(peer)
            k.notify(ep)
            return
        if mode & SEND_SHUTDOWN and not ep.fin_sent:
            ep.fin_sent = True
            if ep.remote is not None:
                ep.remote.fin()
            elif peer is not None:
                peer.receive_fin()
        ep.shut |= mode
        k.notify(ep)

    # ---- options ----

    def getsockopt(self, level, optname, buflen=None):
        """getsockopt(level, option[, buffersize]) -> value"""
        level = _index(level)
        optname = _index(optname)
        ep = self._ep()
        if buflen is not None:
            buflen = _index(buflen)
            if buflen <= 0 or buflen > 1024:
                raise OSError("getsockopt buflen out of range")
        value = _getopt(ep, level, optname)
        if buflen is None:
            if isinstance(value, tuple):
                return value[0]
            return value
        if isinstance(value, tuple):
            raw = struct.pack("ii", *value)
        elif isinstance(value, bytes):
            raw = value
        else:
            raw = struct.pack("i", value)
        return raw[:buflen].ljust(min(buflen, len(raw)), b"\0")

    def setsockopt(self, level, optname, value, optlen=None):
        """setsockopt(level, option, value: int | buffer) / setsockopt(level, option, None, optlen: int)"""
        level = _index(level)
        optname = _index(optname)
        ep = self._ep()
        if value is None:
            if optlen is None:
                raise TypeError("setsockopt() takes exactly 4 arguments (3 given)")
            raw = b"\0" * _index(optlen)
            ivalue = 0
        elif isinstance(value, int):
            ivalue = value
            raw = None
        else:
            raw = bytes(_bytes_view(value))
            ivalue = struct.unpack("i", raw[:4].ljust(4, b"\0"))[0] if len(raw) >= 1 else 0
        _setopt(ep, level, optname, ivalue, raw)

    # ---- context manager (socket.py has its own; kept for objects made by socketpair before wrapping) ----

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


socket.__qualname__ = "socket"
SocketType = socket


def _consumed(ep, n):
    """The reader took n bytes: a writer waiting for room may go on (locally, or by telling the other process)."""
    if ep.remote is not None:
        ep.remote.consumed(n)
        return
    peer = ep.peer
    if peer is not None and not peer.released:
        ep.kernel.notify(peer)


def _queue_datagram(target, data, src):
    if target.dbytes + len(data) > _kernel.DGRAM_QUEUE:
        return  # the receive queue is full: the datagram is dropped
    target.dq.append((data, src))
    target.dbytes += len(data)
    target.kernel.notify(target)


def deliver_datagram(target, data, src_family, src_host, src_port):
    """A UDP datagram reaches `target` (a connected socket only hears from its peer)."""
    if target.released:
        return
    src = _report_addr(target.family, src_host if target.family == src_family else "::ffff:" + src_host, src_port)
    if target.dest is not None:
        dfam, dhost, dport = target.dest
        if dport != src_port or (dhost != src_host and not (dhost.startswith("::ffff:") and dhost[7:] == src_host)):
            return
    _queue_datagram(target, data, src)


def _getopt(ep, level, optname):
    key = (level, optname)
    if level == SOL_SOCKET:
        if optname == SO_ERROR:
            return ep.take_err()
        if optname == SO_TYPE:
            return ep.type
        if optname == SO_DOMAIN:
            return ep.family
        if optname == SO_PROTOCOL:
            if ep.family == AF_UNIX:
                return 0
            return IPPROTO_TCP if ep.type == SOCK_STREAM else IPPROTO_UDP
        if optname == SO_ACCEPTCONN:
            return 1 if ep.state == LISTEN else 0
        if optname == SO_LINGER:
            return ep.opts.get(key, (0, 0))
        if optname in (SO_RCVTIMEO, SO_SNDTIMEO):
            return ep.opts.get(key, b"\0" * 16)
        if optname in _SOCKET_OPTS:
            return ep.opt(level, optname)
        raise _errors.error("ENOPROTOOPT")
    if ep.family == AF_UNIX:
        raise _errors.error("EOPNOTSUPP")
    if level == IPPROTO_TCP:
        if ep.type != SOCK_STREAM:
            raise _errors.error("ENOPROTOOPT")
        if optname in _TCP_OPTS:
            return ep.opt(level, optname)
        raise _errors.error("ENOPROTOOPT")
    if level == IPPROTO_IPV6:
        if ep.family != AF_INET6 or optname not in _IPV6_OPTS:
            raise _errors.error("ENOPROTOOPT")
        return ep.opt(level, optname)
    if level == IPPROTO_IP:
        if optname in _IP_OPTS:
            return ep.opt(level, optname)
        raise _errors.error("ENOPROTOOPT")
    if level == IPPROTO_UDP and ep.type == SOCK_DGRAM:
        return ep.opt(level, optname)
    raise _errors.error("ENOPROTOOPT")


def _setopt(ep, level, optname, ivalue, raw):
    key = (level, optname)
    if level == SOL_SOCKET:
        if optname in (SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN, SO_ERROR):
            raise _errors.error("ENOPROTOOPT")
        if optname == SO_LINGER:
            if raw is None or len(raw) < 8:
                raise _einval()
            ep.opts[key] = struct.unpack("ii", raw[:8])
            return
        if optname in (SO_RCVTIMEO, SO_SNDTIMEO):
            ep.opts[key] = (raw or b"").ljust(16, b"\0")[:16]
            return
        if optname in (SO_RCVBUF, SO_SNDBUF):
            ep.opts[key] = max(2304 if optname == SO_RCVBUF else 4608, min(max(ivalue, 0), _WMEM_MAX) * 2)
            return
        if optname in _SOCKET_OPTS:
            ep.opts[key] = ivalue
            return
        raise _errors.error("ENOPROTOOPT")
    if ep.family == AF_UNIX:
        raise _errors.error("EOPNOTSUPP")
    if level == IPPROTO_TCP:
        if ep.type != SOCK_STREAM or optname not in _TCP_OPTS:
            raise _errors.error("ENOPROTOOPT")
        ep.opts[key] = 1 if optname == TCP_NODELAY and ivalue else ivalue
        return
    if level == IPPROTO_IPV6:
        if ep.family != AF_INET6 or optname not in _IPV6_OPTS:
            raise _errors.error("ENOPROTOOPT")
        if optname == IPV6_V6ONLY and ep.laddr is not None:
            raise _einval()
        ep.opts[key] = 1 if optname == IPV6_V6ONLY and ivalue else ivalue
        return
    if level == IPPROTO_IP:
        if optname not in _IP_OPTS:
            raise _errors.error("ENOPROTOOPT")
        ep.opts[key] = ivalue
        return
    if level == IPPROTO_UDP and ep.type == SOCK_DGRAM:
        ep.opts[key] = ivalue
        return
    raise _errors.error("ENOPROTOOPT")


# ---- module-level functions ----


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):  # noqa: A002
    """socketpair([family[, type [, proto]]]) -> (socket object, socket object)"""
    family = _index(family)
    type = _index(type)  # noqa: A001
    base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
    if family != AF_UNIX:
        raise _errors.error("EOPNOTSUPP")
    if base not in (SOCK_STREAM, SOCK_DGRAM):
        raise _errors.error("EOPNOTSUPP" if base == SOCK_SEQPACKET else "ESOCKTNOSUPPORT")
    a = socket(family, type, proto)
    b = socket(family, type, proto)
    ea, eb = a._ep(), b._ep()
    ea.peer = eb
    eb.peer = ea
    ea.laddr = eb.laddr = ""
    ea.raddr = eb.raddr = ""
    if base == SOCK_STREAM:
        ea.state = eb.state = CONNECTED
    else:
        ea.dest = eb.dest = None
    return a, b


def dup(fd):
    """dup(integer) -> integer: a second file descriptor for the same socket."""
    fd = _index(fd)
    k = _kernel_now()
    if fd not in k.fds:
        raise _ebadf()
    return k.dup(fd)


def close(fd):
    """close(integer) -> None: close a socket's file descriptor."""
    fd = _index(fd)
    k = _kernel_now()
    k.close_fd(fd)


def getdefaulttimeout():
    """Returns the default timeout in seconds (float) for new socket objects, or None."""
    return state.default_timeout


def setdefaulttimeout(timeout):
    """Set the default timeout in seconds (float) for new socket objects; None means no timeout."""
    state.default_timeout = _parse_timeout(timeout)


def gethostname():
    """Return the current host name."""
    return _resolve.HOSTNAME


def sethostname(name):
    raise _errors.error("EPERM")


def if_nameindex():
    return [(1, "lo")]


def if_nametoindex(name):
    if not isinstance(name, (str, bytes)):
        raise TypeError(f"'{type(name).__name__}' object is not a str or bytes")
    if name in ("lo", b"lo"):
        return 1
    raise OSError("no interface with this name")


def if_indextoname(index):
    index = _index(index)
    if index == 1:
        return "lo"
    raise OSError(6, "No such device or address")


def build(real):
    """The module object, from `real` (Pyodide's own _socket: exception types and pure helpers are reused)."""
    m = types.ModuleType("_socket", real.__doc__)
    for name, value in C.items():
        setattr(m, name, value)
    m.SOMAXCONN = _kernel.SOMAXCONN
    for name in ("error", "herror", "gaierror", "timeout", "CAPI"):
        if hasattr(real, name):
            setattr(m, name, getattr(real, name))
    m.error = OSError
    m.timeout = TimeoutError
    for name in ("inet_aton", "inet_ntoa", "htons", "ntohs", "htonl", "ntohl", "CMSG_LEN", "CMSG_SPACE"):
        if hasattr(real, name):
            setattr(m, name, getattr(real, name))
    m.socket = socket
    m.SocketType = socket
    m.has_ipv6 = True
    for fn in (
        socketpair,
        dup,
        close,
        getdefaulttimeout,
        setdefaulttimeout,
        gethostname,
        sethostname,
        if_nameindex,
        if_nametoindex,
        if_indextoname,
    ):
        fn.__module__ = "_socket"
        setattr(m, fn.__name__, fn)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getservbyname", "getservbyport", "getprotobyname", "inet_pton", "inet_ntop"):
        fn = getattr(_resolve, name)
        fn.__module__ = "_socket"
        setattr(m, name, fn)
    from .. import _visible

    # Module-level functions print and pickle as the C functions they stand in for (<built-in function gethostname>).
    for name, value in list(vars(m).items()):
        original = getattr(real, name, None)
        if isinstance(value, types.FunctionType) and original is not None and callable(original) and not isinstance(original, type):
            setattr(m, name, _visible.like_builtin(value, original))
    return m


__all__ = ["build", "state", "socket", "deliver_datagram"]
