import time


def io_bound():
    time.sleep(0.5)  # the processor is idle: we wait for "the network"


def cpu_bound():
    total = 0
    for n in range(2_000_000):
        total += n * n  # the processor is busy for every one of these steps
    return total


for job in (io_bound, cpu_bound):
    start = time.perf_counter()
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    job()
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    print(f"{job.__name__:>9}: {wall:.2f} s on the clock, {cpu:.2f} s of processor time")
