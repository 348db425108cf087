# Conformance: Pool map, imap, imap_unordered, starmap, apply, apply_async with callbacks, initializer, context
# manager
# expect: same
import multiprocessing as mp
import os

factor = 1


def init(f):
    global factor
    factor = f


def square(x):
    return x * x * factor


def add(a, b):
    return a + b


def whoami(_):
    return os.getpid()


if __name__ == "__main__":
    with mp.Pool(2, initializer=init, initargs=(10,)) as pool:
        print(pool.map(square, range(8)))
        print(list(pool.imap(square, range(5))))
        print(sorted(pool.imap_unordered(square, range(5))))
        print(pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
        print(pool.apply(add, (20, 22)))
        results = []
        r = pool.apply_async(square, (7,), callback=results.append)
        print("async:", r.get(timeout=30), r.successful(), results)
        print(pool.map(square, range(20), chunksize=3) == [x * x * 10 for x in range(20)])
        pids = set(pool.map(whoami, range(20), chunksize=1))
        print("workers are other processes:", os.getpid() not in pids, 1 <= len(pids) <= 2)
    print("done")
