# Conformance: socket.socketpair() between two threads: messages both ways, makefile lines, EOF after close
# expect: same
import socket
import threading

a, b = socket.socketpair()
print(a.family.name, a.type.name, repr(a.getsockname()), repr(a.getpeername()))


def worker():
    with b:
        f = b.makefile("rwb")
        for line in f:
            if line == b"bye\n":
                break
            f.write(b"echo " + line)
            f.flush()
        f.close()
    print("worker done")


t = threading.Thread(target=worker)
t.start()
f = a.makefile("rwb")
for word in ["one", "two", "three"]:
    f.write(word.encode() + b"\n")
    f.flush()
    print(f.readline().decode().strip())
f.write(b"bye\n")
f.flush()
t.join()
print("after close:", a.recv(10))
f.close()
a.close()
print(a)
