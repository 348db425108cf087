# Conformance: a single-threaded server multiplexing clients with select.select() on non-blocking sockets (after
# the "select" sections of the server chapters: a loop over readable sockets, a buffer of replies per client)
# expect: same
import select
import socket
import threading

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(10)
server.setblocking(False)
port = server.getsockname()[1]
replies = {}


def client(n, out):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(b"%d" % n)
        out[n] = c.recv(100).decode()


out = {}
workers = [threading.Thread(target=client, args=(n, out)) for n in range(5)]
for w in workers:
    w.start()
inputs = [server]
outputs = []
served = 0
while served < 5:
    readable, writable, _ = select.select(inputs, outputs, inputs, 5)
    for s in readable:
        if s is server:
            conn, _ = s.accept()
            conn.setblocking(False)
            inputs.append(conn)
        else:
            data = s.recv(1024)
            if data:
                replies[s] = b"%d squared is %d" % (int(data), int(data) ** 2)
                outputs.append(s)
            else:
                inputs.remove(s)
                s.close()
    for s in writable:
        s.send(replies.pop(s))
        outputs.remove(s)
        served += 1
for w in workers:
    w.join()
for s in inputs:
    s.close()
print([out[n] for n in range(5)])
