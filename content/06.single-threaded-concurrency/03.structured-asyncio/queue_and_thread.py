import asyncio
import time


def checksum(data):
    """A blocking call (think: a library without async support). It would freeze the loop if called directly."""
    time.sleep(0.2)
    return sum(data) % 251


async def producer(queue, count):
    for i in range(count):
        await queue.put([i] * 1000)  # waits when the queue is full: the producer cannot run ahead
        print(f"produced {i}")
    await queue.put(None)  # one "no more work" marker per consumer
    await queue.put(None)


async def consumer(name, queue):
    while (item := await queue.get()) is not None:
        value = await asyncio.to_thread(checksum, item)  # runs in a worker thread; the loop stays free
        print(f"{name}: checksum {value}")


async def main():
    start = time.perf_counter()
    queue = asyncio.Queue(maxsize=2)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(queue, 4))
        tg.create_task(consumer("c1", queue))
        tg.create_task(consumer("c2", queue))
    print(f"4 blocking checksums of 0.2 s, two at a time: {time.perf_counter() - start:.1f} s")


asyncio.run(main())
