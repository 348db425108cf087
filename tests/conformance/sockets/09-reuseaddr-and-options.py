# Conformance: binding a port in use, SO_REUSEADDR, socket options and their defaults
# expect: same
import socket

a = socket.socket()
print("defaults:", a.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR), a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE),
      a.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR), a.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
a.bind(("127.0.0.1", 0))
a.listen()
port = a.getsockname()[1]
b = socket.socket()
try:
    b.bind(("127.0.0.1", port))
except OSError as e:
    print("in use:", e.errno, e)
try:
    b.bind(("0.0.0.0", port))
except OSError as e:
    print("in use (any):", e)
b.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    b.bind(("127.0.0.1", port))
except OSError as e:
    print("a listener keeps it even with SO_REUSEADDR:", e)
a.close()
b.bind(("127.0.0.1", port))
print("bound after close:", b.getsockname()[1] == port)
print("reuse:", b.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
b.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
print("nodelay:", b.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
print("rcvbuf doubled:", b.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
print("acceptconn:", b.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
b.listen()
print("acceptconn:", b.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
try:
    b.bind(("127.0.0.1", 0))
except OSError as e:
    print("bind twice:", e)
try:
    b.getsockopt(socket.SOL_SOCKET, 12345)
except OSError as e:
    print("unknown option:", e)
b.close()
c = socket.socket()
try:
    c.bind(("127.0.0.1", 70000))
except OverflowError as e:
    print(type(e).__name__, e)
for addr in ("127.0.0.1", ("127.0.0.1",), ("127.0.0.1", "80")):
    try:
        c.bind(addr)
    except TypeError as e:
        print(type(e).__name__, e)
c.close()
with socket.socket() as s:
    s.bind(("", 0))
    print("'' binds all:", s.getsockname()[0])
