# Conformance: what cannot be pickled fails as on CPython: a lambda target, a Queue sent through a Queue
# expect: same
import multiprocessing as mp


def noop():
    pass


if __name__ == "__main__":
    p = mp.Process(target=lambda: None)
    try:
        p.start()
    except Exception as e:
        print("lambda target:", type(e).__name__)
    q = mp.Queue()
    try:
        q.put(mp.Queue())
        q.get(timeout=1)
    except Exception as e:
        print("queue in a queue:", type(e).__name__)
    lock = mp.Lock()
    try:
        mp.Queue().put(lock)
    except Exception as e:
        print("lock:", type(e).__name__)
    p = mp.Process(target=noop)
    p.start()
    p.join()
    print("still works:", p.exitcode)
