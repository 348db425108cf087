# Conformance: without `if __name__ == "__main__":` the child re-runs the script as __mp_main__ and its own
# start() fails with CPython's bootstrapping RuntimeError (not an endless spawn); the parent sees exit code 1
# expect: same
import multiprocessing as mp


def hello():
    print("hello from the child")


print("script body runs, __name__ =", __name__, flush=True)
p = mp.Process(target=hello)
p.start()
p.join()
print("parent: child exit code", p.exitcode)
