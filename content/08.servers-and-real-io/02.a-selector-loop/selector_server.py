import selectors
import socket
import threading
import time

sel = selectors.DefaultSelector()
count = {"accepted": 0, "open": 0}


def accept(server):
    conn, _ = server.accept()              # the selector said "ready": this does not wait
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)
    count["accepted"] += 1
    count["open"] += 1


def read(conn):
    data = conn.recv(1024)                 # ready: this does not wait either
    if data:
        print(f"{threading.current_thread().name} serves {data.decode()!r}")
        conn.send(data.upper())            # a short reply fits at once (see "Sending" below)
    else:                                  # b"": the client hung up
        sel.unregister(conn)
        conn.close()
        count["open"] -= 1


def serve(server, connections):
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ, accept)
    while count["accepted"] < connections or count["open"]:
        for key, events in sel.select():  # wait until at least one registered socket is ready
            handler = key.data
            handler(key.fileobj)
    sel.unregister(server)


def client(port, name, think):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        time.sleep(think)
        sock.sendall(f"{name} says hi".encode())
        reply = sock.recv(1024).decode()
        print(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")


with socket.create_server(("127.0.0.1", 0)) as server:
    port = server.getsockname()[1]
    start = time.perf_counter()          # the clock starts with the first client
    ann = threading.Thread(target=client, args=(port, "ann", 0.5))
    bob = threading.Thread(target=client, args=(port, "bob", 0.0))
    ann.start()
    time.sleep(0.1)
    bob.start()
    serve(server, 2)                       # the main thread is the whole server
    ann.join()
    bob.join()
sel.close()
