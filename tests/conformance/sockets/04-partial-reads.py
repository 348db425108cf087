# Conformance: a stream has no message boundaries: small recv sizes, MSG_PEEK, MSG_WAITALL, recv_into, recv(0)
# expect: same
import socket
import threading

a, b = socket.socketpair()
done = threading.Event()


def writer():
    for chunk in (b"abc", b"defgh", b"ij"):
        b.sendall(chunk)
    done.set()


t = threading.Thread(target=writer)
t.start()
done.wait()
print(a.recv(0))
print(a.recv(2, socket.MSG_PEEK))
print(a.recv(2))
print(a.recv(4, socket.MSG_WAITALL))
buf = bytearray(10)
n = a.recv_into(buf, 3)
print(n, bytes(buf[:n]))
print(a.recv(100))
t.join()
b.sendall(b"xyz")
b.close()
print(a.recv(2, socket.MSG_WAITALL), a.recv(100, socket.MSG_WAITALL), a.recv(100))
a.close()
try:
    a.recv(1)
except OSError as e:
    print(type(e).__name__, e)
for bad in (-1, "x"):
    try:
        socket.socketpair()[0].recv(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
