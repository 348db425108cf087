import asyncio
import multiprocessing as mp
import threading
import time


def nothing():
    pass


async def nothing_async():
    pass


async def many_tasks(n):
    await asyncio.gather(*(nothing_async() for _ in range(n)))


def per_unit(label, n, start_all):
    start = time.perf_counter()
    start_all(n)
    each = (time.perf_counter() - start) / n
    print(f"{label:>9}: {n:>5} started and finished, {each * 1e6:9.0f} µs each")


def threads(n):
    ts = [threading.Thread(target=nothing) for _ in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def processes(n):
    ps = [mp.Process(target=nothing) for _ in range(n)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()


if __name__ == "__main__":
    per_unit("tasks", 10_000, lambda n: asyncio.run(many_tasks(n)))
    per_unit("threads", 200, threads)
    per_unit("processes", 2, processes)
