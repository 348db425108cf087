# Conformance: socket timeouts: recv, accept and a connect stuck behind a full accept queue raise TimeoutError
# expect: same
import socket
import time

print(socket.getdefaulttimeout())
server = socket.create_server(("127.0.0.1", 0), backlog=0)
port = server.getsockname()[1]
server.settimeout(0.1)
print(server.gettimeout(), server.getblocking())
start = time.monotonic()
try:
    server.accept()
except TimeoutError as e:
    print("accept:", type(e).__name__, e, round(time.monotonic() - start, 1))
first = socket.create_connection(("127.0.0.1", port))  # fills the accept queue (backlog 0 holds one)
first.settimeout(0.2)
try:
    first.recv(10)
except socket.timeout as e:
    print("recv:", e, socket.timeout is TimeoutError)
second = socket.socket()
second.settimeout(0.2)
start = time.monotonic()
try:
    second.connect(("127.0.0.1", port))
except TimeoutError as e:
    print("connect:", e, round(time.monotonic() - start, 1))
conn, _ = server.accept()
print("accepted one")
for bad in (-1, "soon"):
    try:
        conn.settimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
socket.setdefaulttimeout(2.5)
with socket.socket() as s:
    print(s.gettimeout())
socket.setdefaulttimeout(None)
for s in (first, second, conn, server):
    s.close()
