# Conformance: Pool close/join, terminate() of a busy pool, map_async with a callback, imap's next(timeout),
# using a closed pool raises ValueError
# expect: same
import multiprocessing as mp
import time


def slow(x):
    time.sleep(0.05)
    return x + 1


def forever(x):
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    pool = mp.Pool(2)
    got = []
    r = pool.map_async(slow, range(6), callback=got.append)
    r.wait(30)
    print("map_async:", r.get(), got)
    it = pool.imap(slow, [10, 20])
    print("imap next:", it.next(timeout=30), it.next(timeout=30))
    pool.close()
    pool.join()
    try:
        pool.apply(slow, (1,))
    except ValueError as e:
        print("after close:", e)

    busy = mp.Pool(2)
    busy.map_async(forever, range(2))
    time.sleep(0.3)
    t0 = time.monotonic()
    busy.terminate()
    busy.join()
    print("terminated a busy pool quickly:", time.monotonic() - t0 < 10)
