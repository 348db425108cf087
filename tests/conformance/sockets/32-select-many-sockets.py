# Conformance: select() and poll() over forty connections at once; readiness follows what was sent
# expect: same
import select
import socket

server = socket.create_server(("127.0.0.1", 0), backlog=50)
port = server.getsockname()[1]
clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
conns = []
while len(conns) < 40:
    conns.append(server.accept()[0])
for i, c in enumerate(clients):
    if i % 3 == 0:
        c.sendall(b"%d" % i)
r, w, x = select.select(conns, conns, [], 1)
print(len(r), len(w), x)
p = select.poll()
for c in conns:
    p.register(c, select.POLLIN)
events = p.poll(1000)
got = sorted(int(conns[[c.fileno() for c in conns].index(fd)].recv(10)) for fd, ev in events)
print(got)
print(p.poll(0))
for c in clients[:5]:
    c.close()
print(len(p.poll(100)))
for s in clients + conns:
    s.close()
server.close()
