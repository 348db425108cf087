# Conformance: asyncio.Condition with wait_for and notify / notify_all.
# expect: same
import asyncio

items = []


async def consumer(cond, name):
    async with cond:
        await cond.wait_for(lambda: items)
        item = items.pop(0)
        print(name, "got", item)


async def main():
    cond = asyncio.Condition()
    consumers = [asyncio.create_task(consumer(cond, f"c{i}")) for i in range(3)]
    await asyncio.sleep(0)
    for i in range(3):
        async with cond:
            items.append(i)
            cond.notify()
        await asyncio.sleep(0)
    await asyncio.gather(*consumers)

    woken = []

    async def sleeper(n):
        async with cond:
            await cond.wait()
            woken.append(n)

    sleepers = [asyncio.create_task(sleeper(n)) for n in range(4)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*sleepers)
    print("notify_all woke", woken)


asyncio.run(main())
