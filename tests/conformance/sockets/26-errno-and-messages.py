# Conformance: errno numbers and messages of socket errors, as a program sees them on Linux
# expect: same
import errno
import socket

cases = []
s = socket.socket()
s.close()
for label, fn in [
    ("closed socket", lambda: s.send(b"x")),
    ("accept without listen", lambda: socket.socket().accept()),
    ("recv unconnected", lambda: socket.socket().recv(1)),
    ("send unconnected", lambda: socket.socket().send(b"x")),
    ("getpeername unconnected", lambda: socket.socket().getpeername()),
    ("bind non-local", lambda: socket.socket().bind(("10.9.8.7", 0))),
    ("bad family", lambda: socket.socket(12345)),
    ("bad type", lambda: socket.socket(socket.AF_INET, 99)),
    ("bad protocol", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM, 17)),
    ("shutdown bad how", lambda: socket.socketpair()[0].shutdown(7)),
    ("unknown option", lambda: socket.socket().setsockopt(socket.SOL_SOCKET, 4242, 1)),
    ("udp send without address", lambda: socket.socket(type=socket.SOCK_DGRAM).send(b"x")),
    ("listen on udp", lambda: socket.socket(type=socket.SOCK_DGRAM).listen()),
]:
    try:
        fn()
        print(label, "no error")
    except OSError as e:
        name = errno.errorcode.get(e.errno, "?")
        print(f"{label}: {type(e).__name__} {name} {e}")
print(errno.ECONNREFUSED, errno.ECONNRESET, errno.EADDRINUSE, errno.EINPROGRESS, errno.EPIPE, errno.EAGAIN, errno.ENOTCONN)
print(socket.error is OSError, socket.timeout is TimeoutError, issubclass(socket.gaierror, OSError), issubclass(socket.herror, OSError))
