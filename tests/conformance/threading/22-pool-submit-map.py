# Conformance: ThreadPoolExecutor submit/result, map order, exceptions through result(), as_completed, wait.
# expect: same
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, as_completed, wait


def slow_square(x):
    time.sleep(0.01 * (5 - x))
    return x * x


def fail(x):
    raise RuntimeError(f"failed on {x}")


with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(slow_square, i) for i in range(5)]
    print("results in submit order:", [f.result() for f in futures])
    print("map keeps order:", list(pool.map(slow_square, range(5))))
    print("as_completed gives all:", sorted(f.result() for f in as_completed(futures)))
    bad = pool.submit(fail, 7)
    try:
        bad.result()
    except RuntimeError as e:
        print("exception from result():", e)
    print("exception():", type(bad.exception()).__name__)
    fast = pool.submit(time.sleep, 0.01)
    slow = pool.submit(time.sleep, 2)
    done, not_done = wait([fast, slow], return_when=FIRST_COMPLETED)
    print("first completed:", fast in done, slow in not_done)
    slow.cancel()
print("done:", slow.done())
