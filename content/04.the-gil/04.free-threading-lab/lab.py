# Four CPU-bound jobs, run one after the other, then on four threads, four processes and four interpreters.
# Each way is timed 3 times and the best round counts, so a busy moment of the machine does not decide. The pools'
# workers are started before the clock starts: what is timed is the work.
import os
import sys
import sysconfig
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

JOBS = 4
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000  # on your computer: python3 lab.py 3000000


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def best_of(rounds, run):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def best_with_pool(make_pool):
    with make_pool() as pool:
        list(pool.map(crunch, [1] * JOBS))  # start the workers before the clock starts
        return best_of(3, lambda: list(pool.map(crunch, [N] * JOBS)))


def interpreter_pool():
    try:
        from concurrent.futures import InterpreterPoolExecutor
        return InterpreterPoolExecutor  # Python 3.14+, where subinterpreters are supported
    except ImportError:
        return None


if __name__ == "__main__":
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}, free-threaded build: {free_threaded}, GIL enabled: {gil}")
    print(f"{JOBS} jobs of crunch({N:_})")
    print(f"CPUs this process may use: {getattr(os, 'process_cpu_count', os.cpu_count)()}")

    serial = best_of(3, lambda: [crunch(N) for _ in range(JOBS)])
    print(f"one after the other: {serial:.2f} s")
    ways = [("4 threads", lambda: ThreadPoolExecutor(JOBS)), ("4 processes", lambda: ProcessPoolExecutor(JOBS))]
    executor = interpreter_pool()
    if executor is not None:
        ways.append(("4 interpreters", lambda: executor(JOBS)))
    for name, make_pool in ways:
        took = best_with_pool(make_pool)
        print(f"{name}: {took:.2f} s, speed-up {serial / took:.1f}x")
    if executor is None:
        print("4 interpreters: not available on this Python")
