import asyncio
import time


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.1)


async def blocker():
    print("blocker starts")
    time.sleep(0.35)  # a blocking call inside a coroutine
    print("blocker done")


async def main():
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
