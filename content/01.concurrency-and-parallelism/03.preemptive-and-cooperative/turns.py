import asyncio


async def worker(name):
    for step in range(3):
        print(name, step)
    await asyncio.sleep(0)
    print(name, "done")


async def main():
    await asyncio.gather(worker("A"), worker("B"))


asyncio.run(main())
