import os
import threading
import time

from checking import expect, load

learner = load()


def wait():
    time.sleep(0.3)
    return ("io", os.getpid(), threading.current_thread().name)


def crunch():
    sum(i * i for i in range(100_000))
    return ("cpu", os.getpid(), threading.current_thread().name)


if __name__ == "__main__":
    me = os.getpid()
    jobs = [("io", wait), ("cpu", crunch), ("io", wait), ("cpu", crunch), ("io", wait), ("io", wait)]
    start = time.perf_counter()
    results = learner.run_all(jobs)
    took = time.perf_counter() - start
    expect(isinstance(results, list) and len(results) == len(jobs), f"run_all should return one result per job, in order; got {results!r}")
    kinds = [r[0] for r in results]
    expect(kinds == [k for k, _ in jobs], f"results should come back in the order of the jobs: expected {[k for k, _ in jobs]}, got {kinds}")
    for kind, pid, thread in results:
        if kind == "cpu":
            expect(pid != me, "the CPU-bound jobs ran in this process: send them to a ProcessPoolExecutor, where they can compute in parallel")
        else:
            expect(pid == me, "a waiting job ran in another process: keep the I/O-bound jobs in threads, they are much cheaper to start")
            expect(thread != "MainThread", "a waiting job ran in the main thread, one after another: submit it to the thread pool")
    waiting_threads = {thread for kind, _, thread in results if kind == "io"}
    expect(len(waiting_threads) >= 2, "the four waiting jobs ran one after another in one thread: submit them all before collecting results")
    print(f"The CPU-bound jobs ran in other processes, the waiting ones in threads, all at once ({took:.2f} s).")
