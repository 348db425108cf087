# Conformance: the classic thread-per-connection echo server (after the server chapters of Python networking
# textbooks): accept in a loop, one thread per client; three clients talk at once
# expect: same
import socket
import threading

HOST = "127.0.0.1"


def handle_client(conn, addr, log):
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)
    log.append(addr)


def serve(server, clients, log):
    threads = []
    for _ in range(clients):
        conn, addr = server.accept()
        t = threading.Thread(target=handle_client, args=(conn, addr, log))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


def client(port, name, results):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((HOST, port))
        for i in range(3):
            msg = f"{name}:{i}".encode()
            s.sendall(msg)
            reply = b""
            while len(reply) < len(msg):
                reply += s.recv(1024)
            results.append(reply.decode())


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, 0))
    server.listen()
    port = server.getsockname()[1]
    log, results = [], []
    acceptor = threading.Thread(target=serve, args=(server, 3, log))
    acceptor.start()
    clients = [threading.Thread(target=client, args=(port, n, results)) for n in ("ann", "ben", "cat")]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    acceptor.join()
print(sorted(results))
print("connections served:", len(log))
