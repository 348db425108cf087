import os
import time
from multiprocessing import Pool


def square(n):
    return n * n


def slow_square(n):
    if n == 0:
        time.sleep(0.3)  # the first number takes longest
    return n * n


def describe(word):
    return f"{word!r} has {len(word)} letters (pid {os.getpid()})"


if __name__ == "__main__":
    print(f"parent pid {os.getpid()}")
    with Pool(processes=2) as pool:
        # map: like the built-in map, but the calls run in the pool's processes; results come back in order
        print("map:", pool.map(square, range(8)))

        # imap_unordered: results one at a time, as soon as each is ready, in the order they finish
        print("imap_unordered:", list(pool.imap_unordered(slow_square, range(4))))

        # apply_async: one call, started now; .get() waits for its result
        pending = pool.apply_async(describe, ("pool",))
        print("apply_async:", pending.get(timeout=10))
