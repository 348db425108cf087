import multiprocessing as mp
import os
import time


def count(label, n, running=None):
    if running is not None:
        running.set()  # tell the parent: the child is up and counting
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    took = time.perf_counter() - start
    print(f"{label}: pid {os.getpid()}, parent {os.getppid()}, counted in {took:.2f} s")


if __name__ == "__main__":
    print(f"parent: pid {os.getpid()}")
    running = mp.Event()
    child = mp.Process(target=count, args=("child", 3_000_000, running))
    child.start()
    running.wait()  # starting a process takes a moment: wait until the child counts
    count("parent", 3_000_000)  # and count at the same time
    child.join()
    print(f"child {child.pid} exited with code {child.exitcode}")
