import asyncio
import time

FILES = [f"file{i}.dat" for i in range(6)]


async def download(name):
    """A simulated download: mostly waiting on the network."""
    await asyncio.sleep(0.2)
    return name.encode() * 100_000


def digest(data):
    """A checksum in pure Python: all computing, no waiting."""
    h = 0
    for byte in data:
        h = (h * 31 + byte) % 1_000_000_007
    return h


async def heartbeat(gaps):
    """Ticks every 20 ms and records the time between ticks:
    a blocked loop makes them late."""
    last = time.perf_counter()
    while True:
        await asyncio.sleep(0.02)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def fetch_and_digest(name):
    data = await download(name)
    return digest(data)  # computing right inside the coroutine


async def main():
    gaps = []
    beat = asyncio.create_task(heartbeat(gaps))
    start = time.perf_counter()
    digests = await asyncio.gather(*(fetch_and_digest(name) for name in FILES))
    took = time.perf_counter() - start
    await asyncio.sleep(0.05)  # one more tick, to record the last gap
    beat.cancel()
    print(f"{len(digests)} files downloaded and digested in {took:.2f} s")
    longest = max(gaps) * 1000
    print(f"longest gap between heartbeats: {longest:.0f} ms (they should come every 20 ms)")


asyncio.run(main())
