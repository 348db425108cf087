"""The loopback network of one run: what the kernel of a Linux machine without network keeps for its sockets.

An `Endpoint` is a kernel socket (an open file description): its state, addresses, options and buffers. File
descriptors name endpoints (`Kernel.fds`; dup'ed fds share one), and the run's `_socket.socket` objects hold fds,
as CPython's do. Ports and AF_UNIX paths are bound in `Namespace` (this process's view of the run's names: see
_remote.py for the part other processes of the run share).

Semantics follow Linux (net/ipv4/tcp*.c, net/unix/af_unix.c): a connection is established by the kernel as soon as
the listener's accept queue has room (backlog + 1 entries); data sent before accept() waits in the new socket;
a blocking send queues everything, a send with a timeout or a non-blocking one queues what fits; close() sends
FIN, or RST when unread data is left (the peer then reads its data, then ConnectionResetError, then EOF); data sent
to a closed peer makes it answer with RST (EPIPE in CLOSE_WAIT, else ECONNRESET). Readiness (poll masks) follows
tcp_poll / unix_poll / datagram_poll.

Waiting: the calling green thread blocks in the thread scheduler, listed on every endpoint it waits for; whatever
changes an endpoint wakes its waiters, which look again. A socket wait is not a deadlock (on a real machine
another program could connect): it blocks with a distant deadline, so Stop still interrupts it (see `wait`).
"""

import collections
import random
import sys

from . import _errors, _resolve
from ._linux import SELECT as S
from ._linux import SOCKET as C

AF_UNIX = C["AF_UNIX"]
AF_INET = C["AF_INET"]
AF_INET6 = C["AF_INET6"]
SOCK_STREAM = C["SOCK_STREAM"]
SOCK_DGRAM = C["SOCK_DGRAM"]
SOCK_RAW = C["SOCK_RAW"]
SOCK_SEQPACKET = C["SOCK_SEQPACKET"]
SOCK_NONBLOCK = C["SOCK_NONBLOCK"]
SOCK_CLOEXEC = C["SOCK_CLOEXEC"]
SOL_SOCKET = C["SOL_SOCKET"]
IPPROTO_TCP = C["IPPROTO_TCP"]
IPPROTO_UDP = C["IPPROTO_UDP"]
IPPROTO_IP = C["IPPROTO_IP"]
IPPROTO_IPV6 = C["IPPROTO_IPV6"]
MSG_PEEK = C["MSG_PEEK"]
MSG_DONTWAIT = C["MSG_DONTWAIT"]
MSG_WAITALL = C["MSG_WAITALL"]
MSG_TRUNC = C["MSG_TRUNC"]
SHUT_RD = C["SHUT_RD"]
SHUT_WR = C["SHUT_WR"]
SHUT_RDWR = C["SHUT_RDWR"]
SOMAXCONN = 4096  # net.core.somaxconn

POLLIN = S["POLLIN"]
POLLPRI = S["POLLPRI"]
POLLOUT = S["POLLOUT"]
POLLERR = S["POLLERR"]
POLLHUP = S["POLLHUP"]
POLLNVAL = S["POLLNVAL"]
POLLRDNORM = S["POLLRDNORM"]
POLLWRNORM = S["POLLWRNORM"]
POLLRDHUP = S["POLLRDHUP"]

RCV_SHUTDOWN = 1
SEND_SHUTDOWN = 2
SHUTDOWN_MASK = 3

# Bytes a stream connection holds in flight (the receiver's buffer). Linux's loopback TCP grows to megabytes by
# autotuning; a Unix stream socket holds about net.core.wmem_default (212992).
TCP_WINDOW = 1024 * 1024
UNIX_WINDOW = 212992
# A datagram socket's receive queue (net.core.rmem_default); datagrams beyond it are dropped, as UDP drops them.
DGRAM_QUEUE = 212992
MAX_UDP4 = 65507
MAX_UDP6 = 65527
EPHEMERAL = (32768, 60999)  # net.ipv4.ip_local_port_range
UNIX_PATH_MAX = 108

# What getsockopt reports before setsockopt (Linux, x86-64).
DEFAULT_OPTS = {
    (SOL_SOCKET, C["SO_RCVBUF"]): 131072,
    (SOL_SOCKET, C["SO_SNDBUF"]): 16384,
    (SOL_SOCKET, C["SO_REUSEADDR"]): 0,
    (SOL_SOCKET, C["SO_REUSEPORT"]): 0,
    (SOL_SOCKET, C["SO_KEEPALIVE"]): 0,
    (SOL_SOCKET, C["SO_BROADCAST"]): 0,
    (SOL_SOCKET, C["SO_OOBINLINE"]): 0,
    (SOL_SOCKET, C["SO_RCVLOWAT"]): 1,
    (SOL_SOCKET, C["SO_SNDLOWAT"]): 1,
    (SOL_SOCKET, C["SO_DEBUG"]): 0,
    (SOL_SOCKET, C["SO_DONTROUTE"]): 0,
    (SOL_SOCKET, C["SO_PRIORITY"]): 0,
    (IPPROTO_TCP, C["TCP_NODELAY"]): 0,
    (IPPROTO_TCP, C["TCP_MAXSEG"]): 536,
    (IPPROTO_TCP, C["TCP_KEEPIDLE"]): 7200,
    (IPPROTO_TCP, C["TCP_KEEPINTVL"]): 75,
    (IPPROTO_TCP, C["TCP_KEEPCNT"]): 9,
    (IPPROTO_TCP, C["TCP_QUICKACK"]): 1,
    (IPPROTO_IP, C["IP_TTL"]): 64,
    (IPPROTO_IP, C["IP_TOS"]): 0,
    (IPPROTO_IP, C["IP_MULTICAST_TTL"]): 1,
    (IPPROTO_IP, C["IP_MULTICAST_LOOP"]): 1,
    (IPPROTO_IPV6, C["IPV6_V6ONLY"]): 0,
    (IPPROTO_IPV6, C["IPV6_UNICAST_HOPS"]): 64,
}
# Options whose value Linux doubles when it is set (it counts bookkeeping space too).
DOUBLED = {(SOL_SOCKET, C["SO_RCVBUF"]), (SOL_SOCKET, C["SO_SNDBUF"])}

# Stream states (tcp_states.h, reduced to what a program can tell apart).
NEW = "new"  # TCP_CLOSE before any connection: fresh or bound
LISTEN = "listen"
CONNECTING = "connecting"  # waiting for room in a full accept queue (SYN_SENT)
CONNECTED = "connected"  # ESTABLISHED, CLOSE_WAIT, FIN_WAIT...: the shutdown bits say which
CLOSED = "closed"  # TCP_CLOSE after a connection ended by reset, or a connect that failed

_sched_state = None


def _sched():
    """The run's green-thread scheduler, if the thread runtime is active."""
    global _sched_state
    if _sched_state is None:
        try:
            from interleave.threads import _primitives
        except ImportError:
            return None
        _sched_state = _primitives.state
    return _sched_state.sched


class Binding:
    """A bound port (AF_INET/AF_INET6): who holds it, on which address, with which options."""

    __slots__ = ("ep", "family", "host", "port", "wildcard", "v6only", "reuseaddr", "reuseport", "client")

    def __init__(self, ep, family, host, port, client=False):
        self.ep = ep
        self.client = client  # the ephemeral port of a connecting socket (nobody connects to it)
        self.family = family
        self.host = host
        self.port = port
        self.wildcard = host in ("0.0.0.0", "::")
        self.v6only = bool(ep.opt(IPPROTO_IPV6, C["IPV6_V6ONLY"])) if family == AF_INET6 else False
        self.reuseaddr = bool(ep.opt(SOL_SOCKET, C["SO_REUSEADDR"]))
        self.reuseport = bool(ep.opt(SOL_SOCKET, C["SO_REUSEPORT"]))

    def overlaps(self, family, host, v6only):
        wild = host in ("0.0.0.0", "::")
        if self.family == family:
            return self.wildcard or wild or self.host == host
        # One IPv4, one IPv6: an IPv6 wildcard socket that is not V6ONLY also takes IPv4 (dual stack).
        six_wild, six_only = (self.wildcard, self.v6only) if self.family == AF_INET6 else (wild, v6only)
        six_host = self.host if self.family == AF_INET6 else host
        four_host = host if self.family == AF_INET6 else self.host
        if six_wild and not six_only:
            return True
        return six_host == "::ffff:" + four_host

    def accepts(self, family, host):
        """Whether a packet to (family, host) reaches this binding."""
        if self.family == family:
            return self.wildcard or self.host == host
        if family == AF_INET and self.family == AF_INET6:
            return (self.wildcard and not self.v6only) or self.host == "::ffff:" + host
        return False


class Namespace:
    """Ports and AF_UNIX paths bound in this process (the run's other processes are asked through `remote`)."""

    def __init__(self):
        self.ports = {}  # ("tcp" | "udp", port) -> [Binding]
        self.paths = {}  # (socket type, absolute path or abstract bytes) -> Endpoint
        self.rng = random.Random()
        self.next_port = self.rng.randint(*EPHEMERAL)
        self.remote = None  # _remote.Remote when other processes share the run's names

    # ---- ports ----

    def conflict(self, kind, family, host, port, ep):
        for b in self.ports.get((kind, port), ()):
            if b.ep is ep or b.ep.released:
                continue
            if not b.overlaps(family, host, _v6only(ep)):
                continue
            reuseaddr = bool(ep.opt(SOL_SOCKET, C["SO_REUSEADDR"]))
            reuseport = bool(ep.opt(SOL_SOCKET, C["SO_REUSEPORT"]))
            if reuseport and b.reuseport:
                continue
            if kind == "tcp" and reuseaddr and b.reuseaddr and b.ep.state != LISTEN:
                continue
            if kind == "udp" and reuseaddr and b.reuseaddr:
                continue
            return True
        return False

    def bind_port(self, kind, family, host, port, ep, client=False):
        """Bind ep to (host, port); port 0 picks a free ephemeral port. Raises EADDRINUSE / EADDRNOTAVAIL."""
        if port == 0:
            port = self.ephemeral(kind, family, host, ep, client)
        elif self.conflict(kind, family, host, port, ep) or (self.remote is not None and not self.remote.claim(kind, family, host, port, ep)):
            raise _errors.error("EADDRINUSE")
        b = Binding(ep, family, host, port, client)
        self.ports.setdefault((kind, port), []).append(b)
        if self.remote is not None:
            self.remote.bound(kind, b)
        return b

    def ephemeral(self, kind, family, host, ep, client=False):
        lo, hi = EPHEMERAL
        span = hi - lo + 1
        stripe = self.remote.stripe() if client and self.remote is not None else None
        for _ in range(span):
            port = self.next_port
            self.next_port = lo if port >= hi else port + 1
            if stripe is not None and (port - lo) % stripe[0] != stripe[1]:
                continue  # another process's client ports
            if (kind, port) in self.ports and self.conflict(kind, family, host, port, ep):
                continue
            if self.remote is not None and not self.remote.claim(kind, family, host, port, ep, client):
                continue
            return port
        raise _errors.error("EADDRINUSE")

    def unbind(self, kind, binding):
        key = (kind, binding.port)
        entries = self.ports.get(key)
        if entries and binding in entries:
            entries.remove(binding)
            if not entries:
                del self.ports[key]
            if self.remote is not None:
                self.remote.unbound(kind, binding)

    def find(self, kind, family, host, port, listening):
        """The endpoint a connection (listening=True) or datagram to (family, host, port) reaches in this process."""
        best = None
        for b in self.ports.get((kind, port), ()):
            ep = b.ep
            if ep.released or (listening and ep.state != LISTEN):
                continue
            if b.accepts(family, host):
                if not b.wildcard:
                    return ep
                best = best or ep
        return best

    # ---- AF_UNIX paths ----

    def bind_path(self, sotype, key, ep):
        old = self.paths.get((sotype, key))
        if old is not None and not old.released:
            raise _errors.error("EADDRINUSE")
        self.paths[(sotype, key)] = ep

    def unbind_path(self, sotype, key, ep):
        if self.paths.get((sotype, key)) is ep:
            del self.paths[(sotype, key)]
            if self.remote is not None:
                self.remote.path_unbound(sotype, key)

    def find_path(self, sotype, key):
        ep = self.paths.get((sotype, key))
        if ep is None or ep.released:
            return None
        return ep


def _v6only(ep):
    return ep.family == AF_INET6 and bool(ep.opt(IPPROTO_IPV6, C["IPV6_V6ONLY"]))


class Endpoint:
    """A kernel socket. Streams keep `rbuf` (bytes received and not read yet), datagram sockets `dq`."""

    __slots__ = (
        "kernel",
        "id",
        "family",
        "type",
        "proto",
        "refs",
        "nonblock",
        "state",
        "laddr",
        "raddr",
        "binding",
        "path",
        "opts",
        "rbuf",
        "window",
        "shut",
        "err",
        "peer",
        "released",
        "fin_sent",
        "backlog",
        "accq",
        "connectors",
        "dq",
        "dbytes",
        "dest",
        "waiters",
        "listener",
        "remote",
        "inprogress",
    )

    def __init__(self, kernel, family, sotype, proto):
        self.kernel = kernel
        self.id = kernel.new_id()
        self.family = family
        self.type = sotype
        self.proto = proto
        self.refs = 0
        self.nonblock = False
        self.state = NEW
        self.laddr = None  # None until bound (getsockname then reports the unbound address)
        self.raddr = None
        self.binding = None
        self.path = None  # (type, key) of a bound AF_UNIX path
        self.opts = {}
        self.rbuf = bytearray()
        self.window = UNIX_WINDOW if family == AF_UNIX else TCP_WINDOW
        self.shut = 0
        self.err = 0
        self.peer = None
        self.released = False
        self.fin_sent = False
        self.backlog = 0
        self.accq = None
        self.connectors = None
        self.dq = None
        self.dbytes = 0
        self.dest = None  # a datagram socket's connected peer address
        self.waiters = []
        self.listener = None  # the listening endpoint a not yet accepted connection waits in
        self.remote = None  # _remote.Link when the peer lives in another process
        self.inprogress = False  # a non-blocking connect said EINPROGRESS; the next connect() reports how it went
        if sotype == SOCK_DGRAM:
            self.dq = collections.deque()

    def __repr__(self):
        return f"<endpoint {self.id} {self.state} family={self.family} type={self.type}>"

    # ---- options ----

    def opt(self, level, name):
        return self.opts.get((level, name), DEFAULT_OPTS.get((level, name), 0))

    # ---- readiness (poll mask), as tcp_poll / unix_poll / datagram_poll ----

    def mask(self):
        if self.type == SOCK_DGRAM:
            m = POLLOUT | POLLWRNORM
            if self.dq:
                m |= POLLIN | POLLRDNORM
            if self.err:
                m |= POLLERR
            if self.shut & RCV_SHUTDOWN:
                m |= POLLRDHUP | POLLIN | POLLRDNORM
            if self.shut == SHUTDOWN_MASK:
                m |= POLLHUP
            return m
        if self.state == LISTEN:
            return POLLIN | POLLRDNORM if self.accq else 0
        m = 0
        if self.shut == SHUTDOWN_MASK or (self.family != AF_UNIX and self.state in (NEW, CLOSED)):
            m |= POLLHUP
        if self.family == AF_UNIX and self.state in (NEW, CLOSED) and self.peer is None:
            m |= POLLHUP
        if self.shut & RCV_SHUTDOWN:
            m |= POLLIN | POLLRDNORM | POLLRDHUP
        if self.state != CONNECTING:
            if self.rbuf:
                m |= POLLIN | POLLRDNORM
            if not self.shut & SEND_SHUTDOWN:
                if self.writable_space() > 0:
                    m |= POLLOUT | POLLWRNORM
            else:
                m |= POLLOUT | POLLWRNORM
        if self.err:
            m |= POLLERR
        return m

    def writable_space(self):
        """Bytes a send could queue right now without waiting."""
        if self.state in (NEW, CLOSED):
            return 1  # a send fails at once (EPIPE / ENOTCONN): it would not block
        peer = self.peer
        if peer is None:
            return 0
        if self.remote is not None:
            return self.remote.space()
        if peer.released:
            return 1
        return peer.window - len(peer.rbuf)

    # ---- what the peer does to us ----

    def deliver(self, data, sender):
        """Stream data from the peer. A released (closed) endpoint answers with RST."""
        if self.released:
            sender.reset_by_peer()
            return
        if self.shut & RCV_SHUTDOWN and self.family == AF_UNIX:
            return
        self.rbuf += data
        self.kernel.notify(self)

    def receive_fin(self):
        self.shut |= RCV_SHUTDOWN
        self.kernel.notify(self)

    def reset_by_peer(self):
        """RST arrived (tcp_reset): the error depends on the state, the connection is gone."""
        if self.state not in (CONNECTED, CONNECTING):
            return
        if self.family == AF_UNIX:
            self.err = _errors.number("ECONNRESET")
        else:
            self.err = _errors.number("EPIPE" if self.shut & RCV_SHUTDOWN else "ECONNRESET")
        self.shut = SHUTDOWN_MASK
        self.state = CLOSED
        self.kernel.notify(self)

    def peer_closed(self):
        """The peer endpoint was released: FIN, or RST when it left data unread (or lingered for 0 s)."""
        self.kernel.notify(self)

    def take_err(self):
        err = self.err
        self.err = 0
        return err


class Kernel:
    """One per run (per process): file descriptors, endpoints and the namespace."""

    def __init__(self, namespace=None):
        self.fds = {}  # fd -> Endpoint
        self.ns = namespace or Namespace()
        self._ids = 0
        self.closed = False
        self.unix_files = set()  # socket files this run created (removed at the end of the run)
        self.polls = 0  # non-blocking calls that found nothing (see _remote.Remote.yield_now)

    def new_id(self):
        self._ids += 1
        return self._ids

    # ---- file descriptors ----

    def new_fd(self, ep):
        import os

        fd = os.open("/dev/null", os.O_RDWR)  # a real descriptor number, so sockets and files never share one
        self.fds[fd] = ep
        ep.refs += 1
        return fd

    def endpoint(self, fd):
        ep = self.fds.get(fd)
        if ep is None:
            raise _errors.error("EBADF")
        return ep

    def dup(self, fd):
        return self.new_fd(self.endpoint(fd))

    def close_fd(self, fd):
        import os

        ep = self.fds.pop(fd, None)
        if ep is None:
            raise _errors.error("EBADF")
        try:
            os.close(fd)
        except OSError:
            pass
        ep.refs -= 1
        if ep.refs <= 0:
            self.release(ep)

    def close_all(self):
        """End of the run: every socket still open is closed (as the kernel does when a process exits)."""
        for fd in list(self.fds):
            try:
                self.close_fd(fd)
            except OSError:
                pass
        self.closed = True

    # ---- waking ----

    def notify(self, ep):
        waiters = ep.waiters
        if not waiters:
            return
        s = _sched()
        if s is None:
            return
        for t in list(waiters):
            if t.external:
                t.external = False
            s.wake(t, "io")
        if not s.in_green and s.current is None:
            # Woken from a JavaScript callback (another process's message) while every thread was parked.
            nxt = s._next_runner()
            if nxt is not None:
                s._resume(nxt)

    # ---- releasing an endpoint (its last fd was closed) ----

    def release(self, ep):
        if ep.released:
            return
        unread = bool(ep.rbuf)
        ep.released = True
        ns = self.ns
        if ep.binding is not None:
            ns.unbind("tcp" if ep.type == SOCK_STREAM else "udp", ep.binding)
            ep.binding = None
        if ep.path is not None:
            ns.unbind_path(ep.path[0], ep.path[1], ep)
        if ep.type == SOCK_STREAM:
            if ep.state == LISTEN:
                self._abort_queue(ep)
            elif ep.state in (CONNECTED, CONNECTING):
                self._close_connection(ep, unread)
        elif ep.type == SOCK_DGRAM and ep.peer is not None and ep.family == AF_UNIX:
            peer = ep.peer
            ep.peer = None
            if peer.peer is ep:
                peer.shut = SHUTDOWN_MASK
                self.notify(peer)
        if ep.listener is not None:
            lst = ep.listener
            ep.listener = None
            if lst.accq is not None and ep in lst.accq:
                lst.accq.remove(ep)
        ep.rbuf = bytearray()
        if ep.dq is not None:
            ep.dq.clear()
        self.notify(ep)

    def _close_connection(self, ep, unread):
        linger = ep.opts.get((SOL_SOCKET, C["SO_LINGER"]))
        abort = unread or (linger is not None and linger[0] and linger[1] == 0)
        if ep.state == CONNECTING:
            self._drop_connector(ep)
            return
        if ep.remote is not None:
            ep.remote.close(abort)
            return
        peer = ep.peer
        if peer is None:
            return
        if ep.family == AF_UNIX:
            # unix_release_sock: the peer can send no more and reads EOF after its data (ECONNRESET if we left data).
            if abort:
                peer.err = _errors.number("ECONNRESET")
            peer.shut = SHUTDOWN_MASK
            self.notify(peer)
            return
        if abort:
            peer.reset_by_peer()
        elif not ep.fin_sent:
            ep.fin_sent = True
            peer.receive_fin()
        else:
            self.notify(peer)

    def _abort_queue(self, lst):
        """A listening socket closed: connections never accepted are reset, waiting connects refused."""
        queue = lst.accq or ()
        lst.accq = collections.deque()
        for ep in list(queue):
            ep.listener = None
            if ep.remote is not None:
                ep.remote.close(True)
                continue
            peer = ep.peer
            ep.released = True
            if peer is not None:
                if ep.family == AF_UNIX:
                    peer.err = _errors.number("ECONNRESET")
                    peer.shut = SHUTDOWN_MASK
                    self.notify(peer)
                else:
                    peer.reset_by_peer()
        for c in list(lst.connectors or ()):
            self._refuse(c)
        lst.connectors = None

    def _refuse(self, ep):
        ep.err = _errors.number("ECONNREFUSED")
        ep.state = CLOSED
        ep.shut = SHUTDOWN_MASK
        self._unbind_ephemeral(ep)
        self.notify(ep)

    def _unbind_ephemeral(self, ep):
        if ep.binding is not None and ep.family != AF_UNIX:
            self.ns.unbind("tcp", ep.binding)
            ep.binding = None

    def _drop_connector(self, ep):
        lst = ep.listener
        if lst is not None and lst.connectors and ep in lst.connectors:
            lst.connectors.remove(ep)
        ep.listener = None

    # ---- establishing connections ----

    def establish(self, lst, client, dest_host):
        """Make the server side of client's connection to the listening `lst` and queue it for accept()."""
        srv = Endpoint(self, lst.family, lst.type, lst.proto)
        srv.opts = {k: v for k, v in lst.opts.items() if k[0] != SOL_SOCKET or k[1] != C["SO_ACCEPTCONN"]}
        srv.state = CONNECTED
        if lst.family == AF_UNIX:
            srv.laddr = lst.laddr
            srv.raddr = client.laddr if client.laddr is not None else ""
        else:
            port = lst.laddr[1]
            if lst.family == AF_INET:
                srv.laddr = (dest_host, port)
            else:
                srv.laddr = (dest_host if ":" in dest_host else "::ffff:" + dest_host, port, 0, 0)
            srv.raddr = _as_family(client.laddr, lst.family)
        client.state = CONNECTED
        client.raddr = _as_family(srv.laddr, client.family) if client.family != AF_UNIX else lst.laddr
        client.peer = srv
        srv.peer = client
        srv.listener = lst
        lst.accq.append(srv)
        self.notify(lst)
        self.notify(client)
        return srv

    def queue_full(self, lst):
        return len(lst.accq) > lst.backlog

    def accepted(self, lst, srv):
        """srv left lst's accept queue: a connect waiting for room may now complete."""
        srv.listener = None
        while lst.connectors and not self.queue_full(lst):
            c = lst.connectors.popleft()
            c.listener = None
            if c.released or c.state != CONNECTING:
                continue
            self.establish(lst, c, c.dest)
            c.dest = None


def _as_family(addr, family):
    """An INET address tuple as the given family reports it (an IPv4 peer of an IPv6 socket is v4-mapped)."""
    if addr is None:
        return None
    if family == AF_INET6 and len(addr) == 2:
        return ("::ffff:" + addr[0], addr[1], 0, 0)
    if family == AF_INET and len(addr) == 4:
        host = addr[0]
        if host.startswith("::ffff:"):
            host = host[7:]
        return (host, addr[1])
    return addr


# ---- waiting ----------------------------------------------------------------------------------------------------------

FAR = 3600.0  # seconds: a socket wait re-arms itself this often (its deadline only keeps it from being a deadlock)


class SocketWait:
    """What a thread blocked on a socket waits for, for the timeline and reports: `label` or the learner's call."""

    __slots__ = ("inner", "fixed")

    def __init__(self, obj, frame, fixed=None):
        from interleave.threads import _report

        self.inner = _report.Wait("socket", obj, frame)
        self.fixed = fixed

    def describe(self):
        d = dict(self.inner.describe())
        if self.fixed is not None:
            d["label"] = self.fixed
        return d

    def label(self):
        return self.fixed if self.fixed is not None else self.inner.label()

    # the deadlock report reads these
    @property
    def kind(self):
        return "socket"

    @property
    def obj(self):
        return self.inner.obj


def no_threads_wait(ready, timeout):
    """Without green threads (no stack switching) nothing else can run: a wait can only sleep out its timeout."""
    if timeout is None:
        raise RuntimeError(
            "this socket would wait for ever: nothing else can run in this browser without WebAssembly stack switching"
        )
    import time

    time.sleep(timeout)
    return ready()


def _outside(ep):
    """Whether something outside this program's threads could wake a wait on ep: a connection to a listening
    socket or a datagram to a bound port could come from another program (on a real machine), or from another
    process of the run. A connected socket whose peer is in this process can only be woken by this process."""
    if ep.remote is not None or ep.state == LISTEN:
        return True
    return ep.type == SOCK_DGRAM and (ep.binding is not None or ep.path is not None)


def wait(endpoints, ready, timeout, obj=None, label=None, depth=2):
    """Block the calling thread until ready() is true (True) or `timeout` seconds pass (False; None = no limit).

    The thread is listed on each endpoint's waiters; anything that changes one of them wakes it to look again.
    KeyboardInterrupt (Stop) and the thread runtime's kill land here, as a signal interrupts a blocking call.
    A wait only this program could end is an ordinary block (every thread waiting so is a deadlock, reported as
    such); one that something outside could end (`_outside`) waits until Stop, as a server waits on a real machine.
    """
    if ready():
        return True
    if timeout is not None and timeout <= 0:
        return False
    s = _sched()
    t = s.me() if s is not None and not s.inline else None
    if t is None:
        return no_threads_wait(ready, timeout)
    clock = s.clock
    deadline = None if timeout is None else clock.now() + timeout
    outside = any(_outside(ep) for ep in endpoints)
    ns = endpoints[0].kernel.ns if endpoints else None
    remote = ns is not None and ns.remote is not None and ns.remote.multi()
    w = SocketWait(obj, sys._getframe(depth), label)
    while True:
        for ep in endpoints:
            ep.waiters.append(t)
        try:
            if deadline is not None:
                s.block(t, w, deadline)
            elif not outside:
                s.block(t, w, None)
            elif clock.virtual:
                # Deterministic runs: no other program exists; only another process of the run could wake us.
                t.external = remote
                s.block(t, w, None)
            else:
                s.block(t, w, clock.now() + FAR)
        finally:
            t.external = False
            for ep in endpoints:
                try:
                    ep.waiters.remove(t)
                except ValueError:
                    pass
        if ready():
            return True
        if deadline is not None and clock.now() >= deadline:
            return False
