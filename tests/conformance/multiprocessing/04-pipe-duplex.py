# Conformance: Pipe (duplex and one-way), send/recv, send_bytes/recv_bytes, poll with a timeout
# expect: same
import multiprocessing as mp


def echo(conn):
    while True:
        msg = conn.recv()
        if msg == "bye":
            conn.send("see you")
            break
        conn.send(("echo", msg))
    conn.send_bytes(b"raw bytes")
    conn.close()


def producer(w):
    for i in range(3):
        w.send({"n": i, "sq": i * i})
    w.close()


if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.Process(target=echo, args=(b,))
    p.start()
    print("poll before anything:", a.poll(0.05))
    for m in [1, "two", [3, 4], {"five": 5}]:
        a.send(m)
        print(a.recv())
    a.send("bye")
    print(a.recv())
    print(a.recv_bytes())
    p.join()

    r, w = mp.Pipe(duplex=False)
    print("readable/writable:", r.readable, r.writable, w.readable, w.writable)
    p = mp.Process(target=producer, args=(w,))
    p.start()
    w.close()
    got = []
    while True:
        try:
            got.append(r.recv())
        except EOFError:
            break
    p.join()
    print(got)
    print("EOF after the last writer closed")
