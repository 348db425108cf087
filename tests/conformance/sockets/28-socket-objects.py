# Conformance: socket objects: repr, dup and detach, fromfd, context managers, closing twice, pickling, makefile
# keeping the socket open
# expect: same
import pickle
import socket

a, b = socket.socketpair()
print(repr(a).replace(str(a.fileno()), "N"))
c = a.dup()
print(c.fileno() != a.fileno(), c.family == a.family, c.type == a.type)
a.close()
b.sendall(b"still open through the dup")
print(c.recv(100))
fd = c.detach()
print(c.fileno(), repr(c).startswith("<socket.socket [closed] fd=-1"))
d = socket.socket(fileno=fd)
print(d.family.name, d.type.name, d.getpeername() == "" or d.getpeername())
f = d.makefile("rb")
d.close()
b.sendall(b"the file keeps it open\n")
print(f.readline())
f.close()
b.close()
b.close()
try:
    pickle.dumps(b)
except TypeError as e:
    print("TypeError", e)
with socket.socket() as s:
    print(s.fileno() >= 0, s.gettimeout(), s.getblocking(), s.proto)
print(s.fileno(), s._closed)
e = socket.fromfd(socket.socket().detach(), socket.AF_INET, socket.SOCK_STREAM)
print(e.getsockname())
e.close()
try:
    socket.socket(fileno=-5)
except ValueError as err:
    print("ValueError", err)
