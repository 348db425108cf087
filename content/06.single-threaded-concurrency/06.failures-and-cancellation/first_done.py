import asyncio
import time


async def ask(mirror, seconds):
    await asyncio.sleep(seconds)  # stands in for a download that takes this long
    return mirror


async def main():
    start = time.perf_counter()
    tasks = [asyncio.create_task(ask(m, s)) for m, s in [("eu", 0.3), ("us", 0.1), ("asia", 0.2)]]

    async for task in asyncio.as_completed(tasks):  # 3.13+: yields the tasks themselves, as they finish
        print(f"{await task} answered after {time.perf_counter() - start:.1f} s")

    tasks = [asyncio.create_task(ask(m, s)) for m, s in [("eu", 0.3), ("us", 0.1), ("asia", 0.2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first:", [t.result() for t in done], "still running:", len(pending))
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    print("cancelled:", sum(t.cancelled() for t in pending))


asyncio.run(main())
