import asyncio
import time


async def lookup(key):
    """Async code living on the loop: think of an async database client."""
    await asyncio.sleep(0.1)
    return key.upper()


def report(loop, keys):
    """Old blocking code, running in a worker thread, that needs the async client."""
    start = time.perf_counter()
    one_by_one = []
    for key in keys:
        future = asyncio.run_coroutine_threadsafe(lookup(key), loop)
        one_by_one.append(future.result())  # wait before sending the next one
    print(f"one by one: {one_by_one} in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    # Submit them all first, then wait: this thread blocks, the loop does not.
    futures = [asyncio.run_coroutine_threadsafe(lookup(k), loop) for k in keys]
    all_at_once = [f.result(timeout=2) for f in futures]
    print(f"all at once: {all_at_once} in {time.perf_counter() - start:.1f} s")


async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        ticks += 1
    return ticks


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    ticking = asyncio.create_task(ticker(stop))
    await asyncio.to_thread(report, loop, ["ada", "bob", "cy", "dee"])
    stop.set()
    print(f"meanwhile the loop kept running: the ticker ticked {await ticking} times")


asyncio.run(main())
