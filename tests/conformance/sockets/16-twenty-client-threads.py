# Conformance: a thread-per-connection server with 20 client threads connecting at once (backlog 5)
# expect: same
import socket
import threading

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(5)
port = server.getsockname()[1]
lock = threading.Lock()
handled = []


def handle(conn):
    with conn:
        request = conn.recv(64)
        n = int(request.split()[1])
        conn.sendall(b"square %d" % (n * n))
    with lock:
        handled.append(n)


def accept_loop(count):
    workers = []
    for _ in range(count):
        conn, _ = server.accept()
        w = threading.Thread(target=handle, args=(conn,))
        w.start()
        workers.append(w)
    for w in workers:
        w.join()


answers = {}


def client(n):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(b"number %d" % n)
        answers[n] = c.recv(64).decode()


acceptor = threading.Thread(target=accept_loop, args=(20,))
acceptor.start()
clients = [threading.Thread(target=client, args=(n,)) for n in range(20)]
for c in clients:
    c.start()
for c in clients:
    c.join()
acceptor.join()
server.close()
print(len(handled), sorted(handled) == list(range(20)))
print([answers[n] for n in range(0, 20, 5)])
