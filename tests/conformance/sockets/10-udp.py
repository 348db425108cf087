# Conformance: UDP on the loopback: datagram boundaries, recvfrom addresses, truncation, connected sockets
# expect: same
import socket
import threading

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("127.0.0.1", 0))
addr = server.getsockname()


def echo():
    for _ in range(3):
        data, peer = server.recvfrom(1024)
        server.sendto(data.upper(), peer)


t = threading.Thread(target=echo)
t.start()
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("unbound:", client.getsockname())
for word in (b"one", b"two", b"three"):
    client.sendto(word, addr)
    data, peer = client.recvfrom(1024)
    print(data, peer == addr)
t.join()
print("bound by sendto:", client.getsockname()[0], client.getsockname()[1] != 0)

# boundaries are kept; a short read drops the rest of a datagram
client.sendto(b"first datagram", addr)
client.sendto(b"second", addr)
print(server.recv(5))
print(server.recvfrom(100)[0])
client.sendto(b"peek", addr)
print(server.recv(100, socket.MSG_PEEK), server.recv(100))

# connect() sets the default destination and filters what is received
c2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c2.connect(addr)
print("peer:", c2.getpeername() == addr)
c2.send(b"via send")
data, peer = server.recvfrom(100)
print(data, peer == c2.getsockname())
try:
    client.send(b"no destination")
except OSError as e:
    print(type(e).__name__, e)
try:
    client.sendto(b"x" * 70000, addr)
except OSError as e:
    print(type(e).__name__, e)
server.close()
print("sent to a closed port:", c2.send(b"anyone?"))
try:
    c2.recv(10)
except ConnectionRefusedError as e:
    print("then:", type(e).__name__, e)
for s in (client, c2):
    s.close()
