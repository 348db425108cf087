import time
from concurrent.futures import ThreadPoolExecutor


def fetch(page):
    time.sleep(0.1)  # waiting for "the network"
    return f"{page}: {len(page) * 100} bytes"


pages = [f"page-{n}" for n in range(10)]

start = time.perf_counter()
sizes = [fetch(page) for page in pages]
print(f"one after another: {time.perf_counter() - start:.2f} s")

start = time.perf_counter()
with ThreadPoolExecutor(max_workers=5) as pool:  # 5 threads, reused for all 10 jobs
    sizes = list(pool.map(fetch, pages))
print(f"pool of 5 threads: {time.perf_counter() - start:.2f} s")
print(sizes[0], "...", sizes[-1])
