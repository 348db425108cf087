import asyncio
import concurrent.futures
import os
import time

FILES = [f"file{i}.dat" for i in range(6)]


async def download(name):
    """A simulated download: mostly waiting on the network."""
    await asyncio.sleep(0.2)
    return name.encode() * 100_000


def digest(data):
    """A checksum in pure Python: all computing, no waiting.
    Returns it with the pid of the process that computed it."""
    h = 0
    for byte in data:
        h = (h * 31 + byte) % 1_000_000_007
    return h, os.getpid()


async def heartbeat(gaps):
    """Ticks every 20 ms and records the time between ticks:
    a blocked loop makes them late."""
    last = time.perf_counter()
    while True:
        await asyncio.sleep(0.02)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def fetch_and_digest(name, pool):
    data = await download(name)
    loop = asyncio.get_running_loop()
    # Computed in another process; the loop is free meanwhile.
    return await loop.run_in_executor(pool, digest, data)


async def main():
    gaps = []
    beat = asyncio.create_task(heartbeat(gaps))
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        jobs = [fetch_and_digest(name, pool) for name in FILES]
        results = await asyncio.gather(*jobs)
    took = time.perf_counter() - start
    await asyncio.sleep(0.05)  # one more tick, to record the last gap
    beat.cancel()
    pids = {pid for _, pid in results}
    print(f"{len(results)} files downloaded and digested in {took:.2f} s")
    print(f"digested in {len(pids)} other processes: {os.getpid() not in pids}")
    longest = max(gaps) * 1000
    print(f"longest gap between heartbeats: {longest:.0f} ms (they should come every 20 ms)")


if __name__ == "__main__":
    asyncio.run(main())
