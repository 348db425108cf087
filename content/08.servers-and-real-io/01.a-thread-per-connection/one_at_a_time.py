import socket
import threading
import time


def serve_one_at_a_time(server, connections):
    for _ in range(connections):
        conn, _ = server.accept()          # wait for the next client
        with conn:
            while data := conn.recv(1024):  # wait for its next bytes; b"" when it hangs up
                conn.sendall(data.upper())


def client(port, name, think):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        time.sleep(think)                  # the user types slowly
        sock.sendall(f"{name} says hi".encode())
        reply = sock.recv(1024).decode()
        print(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")


with socket.create_server(("127.0.0.1", 0)) as server:
    port = server.getsockname()[1]
    ann = threading.Thread(target=client, args=(port, "ann", 0.5))
    bob = threading.Thread(target=client, args=(port, "bob", 0.0))
    start = time.perf_counter()          # the clock starts with the first client
    ann.start()
    time.sleep(0.1)                        # bob connects a little after ann
    bob.start()
    serve_one_at_a_time(server, 2)
    ann.join()
    bob.join()
