# Conformance: a child starts its own child (a grandchild); parents and pids line up
# expect: same
import multiprocessing as mp
import os


def grandchild(q):
    q.put(("grandchild", os.getppid()))


def child(q):
    q.put(("child pid", os.getpid()))
    p = mp.Process(target=grandchild, args=(q,))
    p.start()
    p.join()
    q.put(("grandchild exit", p.exitcode))


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    p.start()
    p.join()
    a = q.get()
    b = q.get()
    c = q.get()
    print(a[0], b[0], b[1] == a[1], c)
