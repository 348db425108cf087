# Conformance: concurrent.futures.ProcessPoolExecutor: map, submit, as_completed, exceptions, shutdown
# expect: same
from concurrent.futures import ProcessPoolExecutor, as_completed


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fail(x):
    raise RuntimeError(f"failed on {x}")


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(fib, range(15))))
        futures = {ex.submit(fib, n): n for n in (10, 15, 20)}
        done = sorted((futures[f], f.result()) for f in as_completed(futures))
        print(done)
        f = ex.submit(fail, 5)
        try:
            f.result()
        except RuntimeError as e:
            print("raised:", e)
        print("exception():", repr(f.exception()))
    print("shut down")
