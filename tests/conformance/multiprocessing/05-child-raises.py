# Conformance: an exception in a child prints "Process <name>:" and CPython's traceback; exit code 1; the
# parent carries on
# expect: same
import multiprocessing as mp


def fail(n):
    print("about to fail", flush=True)
    raise ValueError(f"bad value {n}")


if __name__ == "__main__":
    p = mp.Process(target=fail, args=(3,), name="Failer")
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
    print("parent still fine")
