# Conformance: connecting to a port nobody listens on raises ConnectionRefusedError, in every API
# expect: same
import errno
import socket

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()  # bound, never listening: nobody accepts on this port

c = socket.socket()
print(c.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
c.close()
try:
    socket.create_connection(("localhost", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e.errno == errno.ECONNREFUSED, e)
c = socket.socket()
c.setblocking(False)
try:
    c.connect(("127.0.0.1", port))
except BlockingIOError as e:
    print("non-blocking:", e)
print("SO_ERROR:", c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == errno.ECONNREFUSED)
c.close()
with socket.socket() as c:
    c.connect(("127.0.0.1", port))
