# Conformance: ProcessPoolExecutor with an initializer, map with chunksize, submit of a bound method of a
# module-level class, and a worker that raises a custom exception class
# expect: same
from concurrent.futures import ProcessPoolExecutor

prefix = "?"


def init(p):
    global prefix
    prefix = p


def label(x):
    return f"{prefix}{x}"


class Scaler:
    def __init__(self, k):
        self.k = k

    def scale(self, x):
        return self.k * x


class Oops(Exception):
    pass


def fail(x):
    raise Oops(f"oops {x}")


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2, initializer=init, initargs=("#",)) as ex:
        print(list(ex.map(label, range(6), chunksize=2)))
        print(ex.submit(Scaler(3).scale, 14).result())
        try:
            ex.submit(fail, 1).result()
        except Oops as e:
            print("caught", type(e).__name__, e)
    print("done")
