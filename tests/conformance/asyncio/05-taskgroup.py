# Conformance: TaskGroup waits for all its tasks; results read afterwards.
# expect: same
import asyncio


async def fetch(n):
    await asyncio.sleep(0.01 * (4 - n))
    print("fetched", n)
    return n * n


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(n)) for n in range(1, 4)]
        print("all started")
    print([t.result() for t in tasks])


asyncio.run(main())
