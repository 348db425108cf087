# Conformance: os._exit in a child, a child killed while its parent waits on a queue with a timeout
# expect: same
import multiprocessing as mp
import os
import queue


def hard(code):
    print("leaving hard", flush=True)
    os._exit(code)


def silent(q):
    pass


if __name__ == "__main__":
    p = mp.Process(target=hard, args=(7,))
    p.start()
    p.join()
    print("os._exit ->", p.exitcode)
    q = mp.Queue()
    p = mp.Process(target=silent, args=(q,))
    p.start()
    try:
        q.get(timeout=0.3)
    except queue.Empty:
        print("nothing came")
    p.join()
    print("exitcode", p.exitcode)
