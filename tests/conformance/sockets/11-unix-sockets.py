# Conformance: AF_UNIX stream sockets on a path: the socket file, addresses, EADDRINUSE, ENOENT, ECONNREFUSED
# expect: same
import os
import socket
import tempfile
import threading

path = os.path.join(tempfile.mkdtemp(), "echo.sock")
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    server.connect(path)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror)
server.bind(path)
print("file exists:", os.path.exists(path))
print("name:", server.getsockname() == path)
server.listen()


seen = []


def serve():
    conn, addr = server.accept()
    seen.append(addr)
    with conn:
        conn.sendall(conn.recv(100)[::-1])


t = threading.Thread(target=serve)
t.start()
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
    c.connect(path)
    print("client: name", repr(c.getsockname()), "peer", c.getpeername() == path)
    c.sendall(b"stressed")
    print(c.recv(100))
t.join()
print("server: client address", repr(seen[0]))
other = socket.socket(socket.AF_UNIX)
try:
    other.bind(path)
except OSError as e:
    print("bind again:", e)
server.close()
print("file still there:", os.path.exists(path))
try:
    other.connect(path)
except ConnectionRefusedError as e:
    print("nobody listens:", e)
os.unlink(path)
other.bind(path)
print("rebound after unlink")
other.close()
os.unlink(path)
