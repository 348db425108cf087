# Conformance: the functions the runtime replaces (os.getpid, os.getppid, os.cpu_count, time.sleep, time.monotonic)
# print, compare, pickle and bind like CPython's own: a Pool can run os.getpid in a worker, pickle gives back the
# very same function, and a C function stored on a class does not become a method.
# expect: same
import multiprocessing as mp
import os
import pickle
import time
import types


class Holder:
    pid = os.getpid
    pause = time.sleep


if __name__ == "__main__":
    for f in (os.getpid, os.getppid, os.cpu_count, time.sleep, time.monotonic, time.perf_counter, time.process_time):
        same = pickle.loads(pickle.dumps(f)) is f
        print(f"{f!r:40} {f.__module__}.{f.__qualname__} builtin={isinstance(f, types.BuiltinFunctionType)} unpickles to itself={same}")
    print("type:", type(os.getpid).__name__, "equal to itself:", os.getpid == os.getpid, "hashable:", hash(os.getpid) == hash(os.getpid))
    print("stored on a class:", Holder().pid() == os.getpid(), Holder().pause(0))
    with mp.Pool(2) as pool:
        child = pool.apply_async(os.getpid).get(timeout=30)
        print("pool worker's pid differs from ours:", child != os.getpid())
        print("pool worker's parent is us:", pool.apply(os.getppid) == os.getpid())
        print("cpu_count in a worker:", pool.apply(os.cpu_count) == os.cpu_count())
