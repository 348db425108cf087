"""The run's other processes, as this process's kernel meets them: through the page (lib/python/client/net.ts).

Every process keeps its own sockets. What processes share goes through the page:
- **names**: a port or Unix path bound here is registered with the page, so that a connect() in another process
  finds the listener. While this is the run's only process, registering needs no answer (no other process could
  hold the name, and every later process starts after the page read it); once there are others, a bind waits for
  the page's verdict (EADDRINUSE is decided there). A connect() tries this process's listeners first and asks the
  page only when none matches. A client's ephemeral port is picked from this process's own stripe of the range
  (no two processes pick the same one, and nobody needs to find a client by its port).
- **connections between processes**: each end is an endpoint of its own process's kernel whose peer is a `Link`;
  the page numbers the connection and carries data, credit (how much more the receiver can take: TCP's window),
  FIN, shutdown and close between the two ends, in order. A connect() to another process completes when the page
  answers (non-blocking: EINPROGRESS, then writable), as the kernel's handshake does.
- **datagrams** to a port bound in another process are forwarded by the page (or dropped, as UDP drops them).

The page's news arrive as JavaScript callbacks while this process's Python is parked, and wake the threads waiting
on the endpoints concerned (_kernel.Kernel.notify). A program that polls non-blocking sockets in a busy loop would
never let them in: a poll that finds nothing yields to the browser now and then (`idle_poll`).
"""

import json
import time

from .._jsreply import reply_fields
from . import _errors, _kernel
from ._kernel import AF_UNIX, CLOSED, CONNECTED, CONNECTING, LISTEN, RCV_SHUTDOWN, SHUTDOWN_MASK, Endpoint

STRIPES = 64  # client ports: this process takes those whose offset in the ephemeral range is its index modulo this
CREDIT_BATCH = 64 * 1024  # bytes read before the receiver tells the sender it may send them again
YIELD_EVERY = 0.005  # seconds of fruitless polling between two yields to the browser


def attach(kernel):
    """A Remote for this run, or None when the page keeps no process table for it (no other process possible)."""
    try:
        from interleave.processes import _host
    except ImportError:
        return None
    if _host.js is None:
        return None
    try:
        import interleave_net_js
    except ImportError:
        return None
    return Remote(kernel, interleave_net_js, _host)


def unix_key_text(key):
    """The page's name of an AF_UNIX key: "p:" + absolute path, or "a:" + hex of an abstract name."""
    if isinstance(key, bytes):
        return "a:" + key.hex()
    return "p:" + key


class Link:
    """The far end of a connection whose peer endpoint lives in another process."""

    __slots__ = ("remote", "ep", "conn", "credit", "owed", "peer_released", "dead")

    def __init__(self, remote, ep, conn):
        self.remote = remote
        self.ep = ep
        self.conn = conn
        self.credit = ep.window
        self.owed = 0
        self.peer_released = False
        self.dead = False

    @property
    def released(self):
        return self.peer_released

    def space(self):
        if self.conn is None or self.dead:
            return 0
        if self.peer_released:
            return 1  # a send would not wait: the peer answers with RST
        return self.credit

    def send(self, data):
        # What this process printed before it sent comes first in the console, as with pipes (_host.flush_output).
        self.remote.host.flush_output()
        if self.peer_released:
            if self.ep.family != AF_UNIX:
                self.ep.reset_by_peer()  # the closed peer's answer, known here already
            return
        self.credit -= len(data)
        self.remote.post({"op": "data", "conn": self.conn}, data)

    def consumed(self, n):
        if self.conn is None or self.dead or self.peer_released:
            return
        self.owed += n
        if self.owed >= CREDIT_BATCH or not self.ep.rbuf:
            owed, self.owed = self.owed, 0
            self.remote.post({"op": "credit", "conn": self.conn, "n": owed})

    def fin(self):
        if self.conn is not None and not self.dead:
            self.remote.post({"op": "fin", "conn": self.conn})

    def shutdown(self, mode):
        if self.conn is not None and not self.dead:
            self.remote.post({"op": "shut", "conn": self.conn, "mode": mode})

    def accepted(self):
        pass

    def close(self, abort):
        if self.dead:
            return
        self.dead = True
        if self.conn is not None:
            self.remote.links.pop(self.conn, None)
            if not self.peer_released:
                self.remote.post({"op": "close", "conn": self.conn, "abort": bool(abort)})


class Remote:
    def __init__(self, kernel, js, host):
        from pyodide.ffi import create_proxy

        self.kernel = kernel
        self.js = js
        self.host = host
        self.index = host.pid - host.base_pid
        self._multi = host.child is not None
        self.eps = {}  # endpoint id -> endpoint with a name the page knows (listeners, bound UDP sockets)
        self.links = {}  # connection number -> Link
        self.claimed = set()  # endpoints whose binding the page registered when it granted the claim
        self.last_yield = time.monotonic()
        self.handler = create_proxy(self._on_event)
        js.setHandler(self.handler)

    def detach(self):
        try:
            self.js.clearHandler()
        except Exception:  # noqa: BLE001 - the worker is going anyway
            pass
        self.handler = None
        self.links.clear()
        self.eps.clear()

    # ---- talking to the page ----

    def multi(self):
        """Whether the run has (or had) another process: then names are decided by the page."""
        if not self._multi:
            try:
                self._multi = bool(self.host.js.childStarted())
            except Exception:  # noqa: BLE001 - an older processes extension: assume others may exist
                self._multi = True
        return self._multi

    def post(self, op, data=None):
        from pyodide.ffi import to_js

        if data is None:
            self.js.send(json.dumps(op))
        else:
            self.js.send(json.dumps(op), to_js(bytes(data)))

    def request(self, op, label):
        token = self.js.request(json.dumps(op))
        reply = self.host.block(token, label, module=self.js)
        return _fields(reply)

    def idle_poll(self):
        """A non-blocking call found nothing: let the page's news in if that has not happened for a while."""
        if not self.multi():
            return
        now = time.monotonic()
        if now - self.last_yield < YIELD_EVERY:
            return
        self.last_yield = now
        s = _kernel._sched()
        t = s.me() if s is not None and not s.inline else None
        if t is not None:
            time.sleep(0.001)  # parks the thread on a browser timer: queued messages are delivered meanwhile

    # ---- names ----

    def _binding_op(self, op, kind, family, host, port, ep):
        return {
            "op": op,
            "kind": kind,
            "family": family,
            "host": host,
            "port": port,
            "sock": ep.id,
            "v6only": bool(ep.family == _kernel.AF_INET6 and ep.opt(_kernel.IPPROTO_IPV6, _kernel.C["IPV6_V6ONLY"])),
            "reuseaddr": bool(ep.opt(_kernel.SOL_SOCKET, _kernel.C["SO_REUSEADDR"])),
            "reuseport": bool(ep.opt(_kernel.SOL_SOCKET, _kernel.C["SO_REUSEPORT"])),
        }

    def stripe(self):
        """(modulus, remainder) of the ephemeral ports this process may give client sockets, or None."""
        if not self.multi():
            return None
        return STRIPES, self.index % STRIPES

    def claim(self, kind, family, host, port, ep, client=False):
        """May ep bind (host, port)? Asks the page once other processes exist (and then registers it there)."""
        if client or not self.multi():
            return True
        reply = self.request(self._binding_op("claim", kind, family, host, port, ep), "bind()")
        if reply.get("error"):
            return False
        self.eps[ep.id] = ep
        self.claimed.add(ep.id)
        return True

    def bound(self, kind, binding):
        if binding.client:
            return
        ep = binding.ep
        self.eps[ep.id] = ep
        if ep.id in self.claimed:
            self.claimed.discard(ep.id)
        else:
            self.post(self._binding_op("bound", kind, binding.family, binding.host, binding.port, ep))

    def unbound(self, kind, binding):
        if binding.client:
            return
        self.eps.pop(binding.ep.id, None)
        self.post({"op": "unbound", "kind": kind, "port": binding.port, "sock": binding.ep.id})

    def listening(self, ep):
        if ep.family == AF_UNIX:
            return  # the path is registered at bind(); the page checks nothing more
        self.eps[ep.id] = ep
        self.post({"op": "listening", "port": ep.laddr[1], "sock": ep.id})

    def claim_path(self, sotype, key):
        if not self.multi():
            return
        reply = self.request({"op": "path-claim", "sotype": sotype, "key": unix_key_text(key), "sock": 0}, "bind()")
        if reply.get("error"):
            raise _errors.error("EADDRINUSE")

    def path_bound(self, sotype, key, ep):
        self.eps[ep.id] = ep
        self.post({"op": "path-bound", "sotype": sotype, "key": unix_key_text(key), "sock": ep.id})

    def path_unbound(self, sotype, key):
        for ep_id, ep in list(self.eps.items()):
            if ep.path == (sotype, key):
                self.eps.pop(ep_id, None)
                self.post({"op": "path-unbound", "sotype": sotype, "key": unix_key_text(key), "sock": ep_id})

    # ---- connecting to another process ----

    def connect(self, sock, ep, family, host, port, timeout, autobound):
        src = ep.laddr
        src_host = src[0]
        if src_host.startswith("::ffff:") and family == _kernel.AF_INET:
            src_host = src_host[7:]
        op = {"op": "connect", "family": family, "host": host, "port": port, "sock": ep.id, "srcHost": src_host, "srcPort": src[1]}

        def done(conn):
            if family == _kernel.AF_INET and ep.family == _kernel.AF_INET6:
                ep.raddr = ("::ffff:" + host, port, 0, 0)
            elif ep.family == _kernel.AF_INET6:
                ep.raddr = (host, port, 0, 0)
            else:
                ep.raddr = (host, port)

        return self._connect(sock, ep, op, timeout, done, "EINPROGRESS", None)

    def connect_unix(self, sock, ep, key, text, timeout):
        op = {"op": "connect-unix", "key": unix_key_text(key), "sock": ep.id, "from": ep.laddr if isinstance(ep.laddr, str) else ""}

        def done(conn):
            ep.raddr = text

        return self._connect(sock, ep, op, timeout, done, "EAGAIN", key)

    def _connect(self, sock, ep, op, timeout, done, nonblocking_error, unix_key):
        from pyodide.ffi import create_proxy

        link = Link(self, ep, None)
        ep.remote = link
        ep.peer = link
        ep.state = CONNECTING

        def settle(value=None, error=None):
            reply = _fields(value) if value is not None else {"error": error or "ECONNREFUSED"}
            conn = reply.get("conn")
            if link.dead or ep.released or ep.state != CONNECTING:
                if conn is not None:
                    self.post({"op": "close", "conn": conn, "abort": True})
                return
            if conn is None:
                name = reply.get("error") or "ECONNREFUSED"
                if name == "ENOENT" and isinstance(unix_key, str):
                    import os

                    if os.path.exists(unix_key):
                        name = "ECONNREFUSED"
                ep.remote = None
                ep.peer = None
                ep.err = _errors.number(name) if name in _errors.ERRNO else _errors.number("ECONNREFUSED")
                ep.state = CLOSED
                ep.shut = SHUTDOWN_MASK
                self.kernel._unbind_ephemeral(ep)
            else:
                link.conn = int(conn)
                self.links[link.conn] = link
                ep.state = CONNECTED
                done(link.conn)
            self.kernel.notify(ep)

        self.js.onSettle(self.js.request(json.dumps(op)), create_proxy(settle))
        if timeout == 0:
            ep.inprogress = True
            return _errors.error(nonblocking_error)
        err = sock._finish_connect(ep)
        if err is not None and ep.state == _kernel.NEW:
            # Timed out: the page's answer, when it comes, finds nobody and closes the connection.
            link.close(True)
            ep.remote = None
            ep.peer = None
        return err

    # ---- datagrams ----

    def send_datagram(self, ep, family, host, port, src_host, data):
        if not self.multi():
            return False
        self.post({"op": "datagram", "family": family, "host": host, "port": port, "srcHost": src_host, "srcPort": ep.laddr[1]}, data)
        return True

    def send_unix_datagram(self, ep, key, data):
        return False  # Unix datagram sockets reach only their own process here

    # ---- the page's news ----

    def _on_event(self, text, data):
        if self.kernel.closed:
            return
        try:
            ev = json.loads(text)
            kind = ev.get("event")
            if kind == "incoming":
                self._incoming(ev)
            elif kind == "datagram":
                target = self.eps.get(ev.get("sock"))
                if target is not None and target.type == _kernel.SOCK_DGRAM and data is not None:
                    from ._socket_module import deliver_datagram

                    deliver_datagram(target, data.to_bytes(), ev["family"], ev["host"], ev["port"])
            else:
                link = self.links.get(ev.get("conn"))
                if link is None:
                    return
                ep = link.ep
                if kind == "data":
                    if ep.released:
                        link.close(True)
                    elif data is not None:
                        ep.rbuf += data.to_bytes()
                        self.kernel.notify(ep)
                elif kind == "credit":
                    link.credit += int(ev.get("n", 0))
                    self.kernel.notify(ep)
                elif kind == "fin":
                    ep.receive_fin()
                elif kind == "shut":
                    mode = int(ev.get("mode", 0))
                    # The peer's SHUT_WR is our end of input; its SHUT_RD means we can send no more.
                    ep.shut |= (RCV_SHUTDOWN if mode & 2 else 0) | (2 if mode & 1 else 0)
                    self.kernel.notify(ep)
                elif kind == "closed":
                    self._closed(link, bool(ev.get("abort")))
        finally:
            if data is not None:
                try:
                    data.destroy()
                except Exception:  # noqa: BLE001
                    pass

    def _incoming(self, ev):
        lst = self.eps.get(ev.get("sock"))
        conn = int(ev["conn"])
        if lst is None or lst.released or lst.state != LISTEN:
            self.post({"op": "close", "conn": conn, "abort": True})
            return
        k = self.kernel
        srv = Endpoint(k, lst.family, lst.type, lst.proto)
        srv.opts = dict(lst.opts)
        srv.state = CONNECTED
        link = Link(self, srv, conn)
        srv.remote = link
        srv.peer = link
        self.links[conn] = link
        if lst.family == AF_UNIX:
            srv.laddr = lst.laddr
            srv.raddr = ev.get("from") or ""
        else:
            dest = ev.get("dest") or "127.0.0.1"
            client = (ev.get("host") or "127.0.0.1", int(ev.get("port") or 0))
            if lst.family == _kernel.AF_INET6:
                srv.laddr = (dest if ":" in dest else "::ffff:" + dest, lst.laddr[1], 0, 0)
            else:
                srv.laddr = (dest, lst.laddr[1])
            srv.raddr = _kernel._as_family(client, lst.family)
        srv.listener = lst
        lst.accq.append(srv)
        k.notify(lst)

    def _closed(self, link, abort):
        ep = link.ep
        link.peer_released = True
        self.links.pop(link.conn, None)
        if ep.family == AF_UNIX:
            if abort:
                ep.err = _errors.number("ECONNRESET")
            ep.shut = SHUTDOWN_MASK
            self.kernel.notify(ep)
            return
        if abort:
            ep.reset_by_peer()
        elif not ep.shut & RCV_SHUTDOWN:
            ep.receive_fin()
        else:
            self.kernel.notify(ep)



def _fields(reply):
    """A reply from JavaScript as a dict (absent fields left out)."""
    if reply is None:
        return {}
    if isinstance(reply, dict):
        return reply
    return reply_fields(reply, ("error", "conn", "segment", "size", "names"))
