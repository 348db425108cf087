# Conformance: non-blocking sockets: BlockingIOError for accept/recv, EINPROGRESS on connect, full send buffers
# expect: same
import errno
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
server.setblocking(False)
print(server.getblocking(), server.gettimeout())
try:
    server.accept()
except BlockingIOError as e:
    print("accept:", e.errno == errno.EAGAIN, e)
c = socket.socket()
c.setblocking(False)
err = c.connect_ex(server.getsockname())
print("connect_ex:", err == errno.EINPROGRESS)
_, writable, _ = select.select([], [c], [], 5)
print("writable:", writable == [c], "SO_ERROR:", c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
print("again:", c.connect_ex(server.getsockname()) == errno.EISCONN)
readable, _, _ = select.select([server], [], [], 5)
conn, _ = server.accept()
print("accepted blocking?", conn.getblocking())
conn.setblocking(False)
try:
    conn.recv(10)
except BlockingIOError as e:
    print("recv:", e)
sent = 0
try:
    while True:
        sent += c.send(b"x" * 65536)
except BlockingIOError:
    print("the buffers filled up after", "some" if sent > 65536 else "few", "bytes")
received = 0
while True:
    try:
        data = conn.recv(1 << 20)
    except BlockingIOError:
        break
    received += len(data)
print("received everything sent:", received == sent)
print("writable again:", select.select([], [c], [], 0)[1] == [c])
for s in (c, conn, server):
    s.close()
