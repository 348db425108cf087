import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def handle(conn):
    with conn:
        while data := conn.recv(1024):
            conn.sendall(data.upper())


def client(port, name, think):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        time.sleep(think)
        sock.sendall(f"{name} says hi".encode())
        reply = sock.recv(1024).decode()
        print(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")


with socket.create_server(("127.0.0.1", 0)) as server:
    port = server.getsockname()[1]
    people = [("ann", 0.5), ("ali", 0.7), ("bob", 0.0)]   # two slow clients, then a quick one
    start = time.perf_counter()          # the clock starts with the first client
    clients = []
    for name, think in people:
        clients.append(threading.Thread(target=client, args=(port, name, think)))
        clients[-1].start()
        time.sleep(0.05)
    with ThreadPoolExecutor(max_workers=2) as pool:   # at most two connections served at once
        for _ in people:
            conn, _ = server.accept()
            pool.submit(handle, conn)
    for c in clients:
        c.join()
