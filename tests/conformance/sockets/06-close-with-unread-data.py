# Conformance: closing a connection with unread data resets it; data sent to a closed peer breaks the pipe
# expect: same
import socket
import threading
import time

server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
accepted = []
t = threading.Thread(target=lambda: accepted.append(server.accept()[0]))
t.start()
c = socket.create_connection(("127.0.0.1", port))
t.join()
s = accepted[0]
c.sendall(b"unread")
time.sleep(0.05)
s.close()  # closes with "unread" still in its buffer: RST instead of FIN
time.sleep(0.05)
try:
    print(c.recv(100))
except ConnectionResetError as e:
    print("recv:", type(e).__name__, e)
print("then:", c.recv(100))
c.close()

# A peer that closed cleanly: the first send still succeeds, the peer answers with RST, the next one fails.
t = threading.Thread(target=lambda: accepted.append(server.accept()[0]))
t.start()
c = socket.create_connection(("127.0.0.1", port))
t.join()
s = accepted[-1]
s.close()
time.sleep(0.05)
print("EOF:", c.recv(10))
print("first send:", c.send(b"x"))
time.sleep(0.05)
for i in range(2):
    try:
        c.send(b"y")
    except OSError as e:
        print("send:", type(e).__name__, e)
c.close()
server.close()
