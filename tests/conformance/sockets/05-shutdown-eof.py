# Conformance: shutdown(SHUT_WR) is a half-close: the peer reads EOF and can still answer; sends after it fail
# expect: same
import socket
import threading

server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]


def serve():
    conn, _ = server.accept()
    with conn:
        data = b""
        while chunk := conn.recv(3):
            data += chunk
        print("server read until EOF:", data)
        conn.sendall(b"got %d bytes" % len(data))


t = threading.Thread(target=serve)
t.start()
c = socket.create_connection(("127.0.0.1", port))
c.sendall(b"some request")
c.shutdown(socket.SHUT_WR)
print("client:", c.recv(100))
print("client then:", c.recv(100))
try:
    c.send(b"more")
except BrokenPipeError as e:
    print("send after SHUT_WR:", type(e).__name__, e)
t.join()
c.close()
s = socket.socket()
try:
    s.shutdown(socket.SHUT_RDWR)
except OSError as e:
    print("unconnected:", e)
s.close()
server.close()
