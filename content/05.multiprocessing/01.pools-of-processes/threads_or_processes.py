import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def spin(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total


def timed(executor_class, jobs):
    with executor_class(max_workers=2) as executor:
        list(executor.map(spin, [10] * 2))  # warm up: start the workers before the clock runs
        start = time.perf_counter()
        results = list(executor.map(spin, jobs))
        return results, time.perf_counter() - start


if __name__ == "__main__":
    jobs = [400_000] * 4

    start = time.perf_counter()
    expected = [spin(n) for n in jobs]
    print(f"one after another: {time.perf_counter() - start:.2f} s")

    for executor_class in (ThreadPoolExecutor, ProcessPoolExecutor):
        results, took = timed(executor_class, jobs)
        assert results == expected
        print(f"{executor_class.__name__} with 2 workers: {took:.2f} s")
