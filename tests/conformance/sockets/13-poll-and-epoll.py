# Conformance: select.poll and select.epoll over sockets (the event bits, registering, closing)
# expect: same
import select
import socket

a, b = socket.socketpair()
p = select.poll()
p.register(a, select.POLLIN)
p.register(b)
print(sorted(p.poll(0)) == [(b.fileno(), select.POLLOUT)])
b.send(b"hi")
print((a.fileno(), select.POLLIN) in p.poll(0))
p.modify(a, select.POLLIN | select.POLLOUT)
print((a.fileno(), select.POLLIN | select.POLLOUT) in p.poll(10))
p.unregister(b)
try:
    p.unregister(b)
except KeyError as e:
    print("KeyError", e.args[0] == b.fileno())
try:
    p.modify(12345, select.POLLIN)
except OSError as e:
    print(type(e).__name__, e)

ep = select.epoll()
print(ep.closed, isinstance(ep.fileno(), int))
ep.register(a.fileno(), select.EPOLLIN)
print(ep.poll(0) == [(a.fileno(), select.EPOLLIN)])
print(a.recv(10))
print(ep.poll(0.05))
try:
    ep.register(a.fileno(), select.EPOLLIN)
except FileExistsError as e:
    print(type(e).__name__, e)
ep.modify(a.fileno(), select.EPOLLIN | select.EPOLLOUT)
print(ep.poll(0) == [(a.fileno(), select.EPOLLOUT)])
b.close()
print(ep.poll(0) == [(a.fileno(), select.EPOLLIN | select.EPOLLOUT | select.EPOLLHUP)])
ep.unregister(a.fileno())
try:
    ep.unregister(a.fileno())
except FileNotFoundError as e:
    print(type(e).__name__, e)
with ep:
    pass
print(ep.closed)
try:
    ep.poll()
except ValueError as e:
    print(e)
c = socket.socket()
fd = c.fileno()
p = select.poll()
p.register(c)
print("unconnected TCP:", p.poll(0) == [(fd, select.POLLOUT | select.POLLHUP)])
a.close()
c.close()
print("closed descriptor:", p.poll(0) == [(fd, select.POLLNVAL)])
