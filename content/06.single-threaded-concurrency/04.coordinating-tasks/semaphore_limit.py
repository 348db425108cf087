import asyncio
import time

running = 0  # downloads in progress right now
most = 0  # the most that were ever in progress at once


async def download(i, limit):
    global running, most
    async with limit:  # at most 3 tasks inside this block at any moment; the others wait here
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.1)
        running -= 1


async def main():
    limit = asyncio.Semaphore(3)
    start = time.perf_counter()
    await asyncio.gather(*(download(i, limit) for i in range(10)))
    print(f"10 downloads of 0.1 s, at most {most} at once: {time.perf_counter() - start:.1f} s")


asyncio.run(main())
