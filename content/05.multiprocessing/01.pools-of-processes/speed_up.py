import os
import time
from multiprocessing import Pool


def count_primes(bounds):
    """How many primes in range(start, stop): pure-Python computing, no waiting."""
    start, stop = bounds
    found = 0
    for n in range(max(start, 2), stop):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            found += 1
    return found


def chunks(limit, parts):
    step = limit // parts
    return [(k * step, limit if k == parts - 1 else (k + 1) * step) for k in range(parts)]


if __name__ == "__main__":
    cpus = os.process_cpu_count()  # the CPUs this process may use (3.13+); os.cpu_count() counts the machine's
    workers = min(cpus, 8)
    limit = 100_000
    print(f"CPUs for this process: {cpus}, pool of {workers} processes")

    work = chunks(limit, 4 * workers)  # several chunks per process, so no process sits idle at the end

    with Pool(workers) as pool:
        pool.map(count_primes, [(0, 10)] * workers)  # warm up: start the processes before the clock runs
        serial_time = pool_time = float("inf")
        for attempt in range(3):  # best of three: a busy machine slows some runs down
            start = time.perf_counter()
            serial = sum(map(count_primes, work))
            serial_time = min(serial_time, time.perf_counter() - start)

            start = time.perf_counter()
            parallel = sum(pool.map(count_primes, work))
            pool_time = min(pool_time, time.perf_counter() - start)
    print(f"serial:   {serial} primes in {serial_time:.2f} s")
    print(f"parallel: {parallel} primes in {pool_time:.2f} s")
    print(f"speed-up: {serial_time / pool_time:.1f}x with {workers} processes")
