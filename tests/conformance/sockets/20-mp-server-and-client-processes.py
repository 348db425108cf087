# Conformance: a TCP server in the main process, clients in three child processes (the page carries each connection)
# expect: same
import multiprocessing as mp
import socket


def client(port, n, results):
    with socket.create_connection(("127.0.0.1", port)) as c:
        peer = c.getpeername()
        c.sendall(b"%d\n" % n)
        reply = c.makefile("rb").readline()
    results.put((n, reply.decode().strip(), peer == ("127.0.0.1", port)))


if __name__ == "__main__":
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    results = mp.Queue()
    children = [mp.Process(target=client, args=(port, n, results)) for n in range(3)]
    for p in children:
        p.start()
    for _ in range(3):
        conn, addr = server.accept()
        with conn, conn.makefile("rb") as f:
            n = int(f.readline())
            conn.sendall(b"%d cubed is %d\n" % (n, n**3))
    for p in children:
        p.join()
    print(sorted(results.get() for _ in range(3)))
    print([p.exitcode for p in children])
    server.close()
