import multiprocessing as mp
import os
import time
from multiprocessing import Pool


def parse(text):
    return int(text)  # int("x") raises ValueError in the worker


def sleep_long():
    time.sleep(30)


def crash():
    raise RuntimeError(f"something broke in pid {os.getpid()}")


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.map(parse, ["1", "2", "x", "4"])
        except ValueError as err:
            print(f"map raised in the parent: {type(err).__name__}: {err}")

        pending = pool.apply_async(parse, ("10",))
        print("apply_async:", pending.get(timeout=10))
        pending = pool.apply_async(parse, ("ten",))
        try:
            pending.get(timeout=10)
        except ValueError as err:
            print(f"get() raised in the parent: {err}")

    child = mp.Process(target=crash)
    child.start()  # the child prints its own traceback...
    child.join()
    print(f"...and the parent only sees its exit code: {child.exitcode}")

    sleeper = mp.Process(target=sleep_long)
    sleeper.start()
    sleeper.terminate()  # stop it without waiting 30 s
    sleeper.join()
    print(f"a terminated child's exit code: {sleeper.exitcode}")
