import asyncio
import time


async def brew(name, seconds):
    print(f"{name}: start")
    await asyncio.sleep(seconds)  # hand control back to the event loop until the timer fires
    print(f"{name}: done after {seconds} s")
    return name


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(brew("tea", 0.2), brew("coffee", 0.1), brew("cocoa", 0.3))
    print(results)
    print(f"total: {time.perf_counter() - start:.1f} s")


asyncio.run(main())
