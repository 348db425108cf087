import selectors
import socket
import threading
import time

sel = selectors.DefaultSelector()
count = {"accepted": 0, "open": 0}
replies = []


def look_up(question):
    if question.startswith("report"):
        time.sleep(0.5)                    # a slow query to a database that has no non-blocking API
    return question.upper()


def accept(server):
    conn, _ = server.accept()
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)
    count["accepted"] += 1
    count["open"] += 1


def read(conn):
    data = conn.recv(1024)
    if data:
        conn.send(look_up(data.decode()).encode())
    else:
        sel.unregister(conn)
        conn.close()
        count["open"] -= 1


def serve(server, connections):
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ, accept)
    while count["accepted"] < connections or count["open"]:
        for key, events in sel.select():
            key.data(key.fileobj)
    sel.unregister(server)


def client(port, name, question):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(question.encode())
        reply = sock.recv(1024).decode()
        replies.append(f"{name}: {reply!r} after {time.perf_counter() - start:.1f} s")


with socket.create_server(("127.0.0.1", 0)) as server:
    port = server.getsockname()[1]
    start = time.perf_counter()
    ann = threading.Thread(target=client, args=(port, "ann", "report for march"))
    bob = threading.Thread(target=client, args=(port, "bob", "time?"))
    ann.start()
    time.sleep(0.1)
    bob.start()
    serve(server, 2)
    ann.join()
    bob.join()
sel.close()
print(*replies, sep="\n")                  # in the order they arrived
