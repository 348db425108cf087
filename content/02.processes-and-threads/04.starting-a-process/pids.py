import multiprocessing as mp
import os
import time


def count(label, n):
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    took = time.perf_counter() - start
    print(f"{label}: pid {os.getpid()}, parent {os.getppid()}, counted in {took:.2f} s")


if __name__ == "__main__":
    print(f"parent: pid {os.getpid()}")
    child = mp.Process(target=count, args=("child", 3_000_000))
    child.start()
    count("parent", 3_000_000)  # the parent computes too, at the same time as the child
    child.join()
    print(f"child {child.pid} exited with code {child.exitcode}")
