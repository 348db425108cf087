# Conformance: an exception in a pool worker is re-raised in the parent by get()/map(); error_callback
# expect: same
import multiprocessing as mp


def boom(x):
    if x == 3:
        raise KeyError(f"no {x}")
    return x


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        try:
            pool.map(boom, range(6))
        except KeyError as e:
            print("map raised", type(e).__name__, e)
        errors = []
        r = pool.apply_async(boom, (3,), error_callback=errors.append)
        r.wait(30)
        print("successful:", r.successful(), [type(e).__name__ for e in errors])
        try:
            r.get()
        except KeyError as e:
            print("get raised", repr(e))
        print(pool.map(boom, [1, 2]))
    pool.join()
    print("closed and joined")
