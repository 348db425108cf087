import socket
import threading
import time


def handle(conn):
    with conn:
        while data := conn.recv(1024):     # this thread waits here; the others run on
            conn.sendall(data.upper())


def serve_thread_per_connection(server, connections):
    handlers = []
    for _ in range(connections):
        conn, _ = server.accept()
        t = threading.Thread(target=handle, args=(conn,))
        t.start()                          # the main thread goes straight back to accept()
        handlers.append(t)
    for t in handlers:
        t.join()


def client(port, name, think):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        time.sleep(think)
        sock.sendall(f"{name} says hi".encode())
        reply = sock.recv(1024).decode()
        print(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")


with socket.create_server(("127.0.0.1", 0)) as server:
    port = server.getsockname()[1]
    ann = threading.Thread(target=client, args=(port, "ann", 0.5))
    bob = threading.Thread(target=client, args=(port, "bob", 0.0))
    start = time.perf_counter()          # the clock starts with the first client
    ann.start()
    time.sleep(0.1)
    bob.start()
    serve_thread_per_connection(server, 2)
    ann.join()
    bob.join()
