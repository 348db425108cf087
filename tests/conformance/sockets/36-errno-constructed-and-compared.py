# Conformance: OSError built from errno's names gets its subclass (OSError(errno.EAGAIN) is a BlockingIOError), and
# errno's names compare equal to what a socket raised, to what the operating system raised, and as dict keys
# expect: same
import errno
import os
import socket

for name in ("EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EALREADY", "EPIPE", "ESHUTDOWN", "ECONNABORTED",
             "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EADDRINUSE", "ENOTCONN"):
    e = OSError(getattr(errno, name), "made here")
    print(name, type(e).__name__, e, e.errno == getattr(errno, name), errno.errorcode[e.errno])

try:
    raise OSError(errno.EPIPE, os.strerror(errno.EPIPE))
except BrokenPipeError as e:
    print("caught as BrokenPipeError:", e)

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
port = listener.getsockname()[1]
listener.close()
try:
    socket.create_connection(("127.0.0.1", port))
except OSError as e:
    print("connect:", type(e).__name__, e.errno == errno.ECONNREFUSED, e.errno in (errno.ECONNREFUSED, errno.ETIMEDOUT))
    print("as a key:", {errno.ECONNREFUSED: "refused", errno.ECONNRESET: "reset"}.get(e.errno))

a, b = socket.socketpair()
a.setblocking(False)
try:
    a.recv(1)
except OSError as e:
    print("recv:", type(e).__name__, e.errno == errno.EAGAIN, e.errno == errno.EWOULDBLOCK)

r, w = os.pipe()
os.set_blocking(r, False)
try:
    os.read(r, 1)
except OSError as e:
    print("pipe read:", type(e).__name__, e.errno == errno.EAGAIN, errno.errorcode[e.errno])
print(sorted({errno.EAGAIN, errno.EAGAIN, errno.EPIPE}) == sorted({errno.EPIPE, errno.EAGAIN}))
try:
    os.close(4000)
except OSError as e:
    print("close:", type(e).__name__, e.errno == errno.EBADF, errno.errorcode[errno.EBADF], os.strerror(errno.EBADF))
try:
    socket.socket().setsockopt(socket.SOL_SOCKET, 4242, 1)
except OSError as e:
    print("option:", e.errno == errno.ENOPROTOOPT, e.errno == errno.EINVAL)
