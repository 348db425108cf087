# Conformance: a Semaphore limits how many tasks are inside at once; BoundedSemaphore refuses extra releases.
# expect: same
import asyncio

inside = 0
most = 0


async def download(sem, n):
    global inside, most
    async with sem:
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1
    return n


async def main():
    sem = asyncio.Semaphore(3)
    results = await asyncio.gather(*(download(sem, n) for n in range(10)))
    print(results, "at most", most, "inside at once")
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
