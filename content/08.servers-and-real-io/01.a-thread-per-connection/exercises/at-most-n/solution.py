import socket
#| solution
from concurrent.futures import ThreadPoolExecutor
#| end


def handle(conn):
    """Answer each message of one client in capitals, until the client hangs up."""
    with conn:
        while data := conn.recv(1024):
            conn.sendall(data.upper())


def serve(server, connections, max_at_once):
    """Accept `connections` clients on the listening socket `server` and handle each.

    At most `max_at_once` connections may be handled at the same time; a client that arrives
    when they are all busy waits its turn. Return when every connection has been handled.
    """
    #| starter
    # for _ in range(connections):
    #     conn, _ = server.accept()
    #     handle(conn)                       # one at a time: everyone waits for the slowest
    #| solution
    with ThreadPoolExecutor(max_workers=max_at_once) as pool:
        for _ in range(connections):
            conn, _ = server.accept()
            pool.submit(handle, conn)      # a free worker takes it now; otherwise it waits in the pool's queue
    # leaving the with block waited for every handler to finish
    #| end


if __name__ == "__main__":
    import threading
    import time

    def client(port, name, think):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            time.sleep(think)
            sock.sendall(name.encode())
            print(sock.recv(1024).decode())

    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        clients = [threading.Thread(target=client, args=(port, name, think)) for name, think in [("slow", 0.5), ("quick", 0)]]
        for c in clients:
            c.start()
        serve(server, 2, max_at_once=2)
        for c in clients:
            c.join()
