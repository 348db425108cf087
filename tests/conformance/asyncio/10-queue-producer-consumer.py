# Conformance: asyncio.Queue with a bounded size, several consumers, join and task_done.
# expect: same
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize())
    print("producer done")


async def consumer(name, q, got):
    while True:
        item = await q.get()
        got.append((name, item))
        await asyncio.sleep(0)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    got = []
    consumers = [asyncio.create_task(consumer(c, q, got)) for c in "xy"]
    await producer(q, 6)
    await q.join()
    print(got)
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    pq = asyncio.PriorityQueue()
    for x in (3, 1, 2):
        pq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for x in "abc":
        lq.put_nowait(x)
    print("".join(lq.get_nowait() for _ in range(3)))


asyncio.run(main())
