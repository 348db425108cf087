# Conformance: SIGINT sent to a child blocked on another process (Queue.get, Connection.recv) raises
# KeyboardInterrupt there at once: CPython's read() returns EINTR, the default handler raises. The interrupted wait
# took nothing, so the messages sent afterwards are what the next get() or recv() return, in order.
# expect: same
import multiprocessing as mp
import os
import signal
import time


def getter(q, ready, out):
    try:
        ready.set()
        q.get()
    except KeyboardInterrupt:
        out.put("getter: KeyboardInterrupt in get()")
    out.put(f"getter: then got {q.get(timeout=10)!r}, {q.get(timeout=10)!r}")


def receiver(conn, ready, out):
    try:
        ready.set()
        conn.recv()
    except KeyboardInterrupt:
        out.put("receiver: KeyboardInterrupt in recv()")
    out.put(f"receiver: then received {conn.recv()!r}, {conn.recv()!r}")


if __name__ == "__main__":
    out = mp.Queue()
    q = mp.Queue()
    theirs, ours = mp.Pipe()
    for target, args, send in ((getter, (q,), q.put), (receiver, (theirs,), ours.send)):
        ready = mp.Event()
        p = mp.Process(target=target, args=(*args, ready, out))
        p.start()
        ready.wait()
        time.sleep(0.3)  # inside its wait by now
        os.kill(p.pid, signal.SIGINT)
        print(out.get(timeout=10))
        send("the first message after")
        send("the second")
        print(out.get(timeout=10))
        p.join()
        print(target.__name__, "exit code:", p.exitcode)
