import asyncio
import concurrent.futures
import os
import threading
import time

PAGES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


async def fetch(name):
    """Waiting on the network: the event loop's job."""
    await asyncio.sleep(0.2)
    return f"<p>{name}</p>" * 50


def parse(html):
    """A blocking library call (think: an XML parser without async support): a thread's job."""
    time.sleep(0.1)
    return html.count("<p>"), threading.current_thread().name


def score(n):
    """Pure-Python number crunching: a process's job."""
    total = sum(i * i % 7 for i in range(300_000 + n))
    return total, os.getpid()


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    pages = await asyncio.gather(*(fetch(p) for p in PAGES))
    fetched = time.perf_counter()
    parsed = await asyncio.gather(*(asyncio.to_thread(parse, html) for html in pages))
    done_parsing = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        scored = await asyncio.gather(*(loop.run_in_executor(pool, score, count) for count, _ in parsed))
    end = time.perf_counter()
    print(f"fetch 6 pages at once (asyncio):        {fetched - start:.1f} s")
    print(f"parse them in threads (to_thread):      {done_parsing - fetched:.1f} s, in {len({t for _, t in parsed})} threads")
    pids = {pid for _, pid in scored}
    print(f"score them in processes (process pool): {end - done_parsing:.1f} s, in {len(pids)} other processes: {os.getpid() not in pids}")


if __name__ == "__main__":
    asyncio.run(main())
