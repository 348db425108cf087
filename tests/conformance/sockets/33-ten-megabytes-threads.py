# Conformance: 10 MB through a socket between two threads, in uneven chunks; sendall waits for the reader
# expect: same
import hashlib
import socket
import threading

data = hashlib.sha256(b"seed").digest() * (10 * 1024 * 1024 // 32)
a, b = socket.socketpair()


def reader(out):
    h = hashlib.sha256()
    n = 0
    while chunk := b.recv(70_000):
        h.update(chunk)
        n += len(chunk)
    out.append((n, h.hexdigest()))


out = []
t = threading.Thread(target=reader, args=(out,))
t.start()
view = memoryview(data)
step = 1_234_567
for i in range(0, len(data), step):
    a.sendall(view[i : i + step])
a.shutdown(socket.SHUT_WR)
t.join()
print(out[0][0], out[0][1] == hashlib.sha256(data).hexdigest())
a.close()
b.close()
