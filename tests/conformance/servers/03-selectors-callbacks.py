# Conformance: the selectors module's echo server with callbacks stored in each key's data (after the selectors
# documentation and the event-loop chapters: accept() and read() registered as handlers)
# expect: same
import selectors
import socket
import threading

sel = selectors.DefaultSelector()
log = []


def accept(sock, mask):
    conn, addr = sock.accept()
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)


def read(conn, mask):
    data = conn.recv(1000)
    if data:
        conn.send(data[::-1])
    else:
        log.append("closed")
        sel.unregister(conn)
        conn.close()


sock = socket.socket()
sock.bind(("localhost", 0))
sock.listen(100)
sock.setblocking(False)
sel.register(sock, selectors.EVENT_READ, accept)
port = sock.getsockname()[1]
answers = []


def client(word):
    with socket.create_connection(("localhost", port)) as c:
        c.sendall(word)
        answers.append(c.recv(100))


threads = [threading.Thread(target=client, args=(w,)) for w in (b"level", b"stressed", b"drawer")]
for t in threads:
    t.start()
while len(log) < 3:
    for key, mask in sel.select():
        callback = key.data
        callback(key.fileobj, mask)
for t in threads:
    t.join()
print(sorted(answers), log)
print(len(sel.get_map()), "key left:", sel.get_map()[sock.fileno()].data.__name__)
sel.close()
sock.close()
