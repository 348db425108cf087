import asyncio


async def heartbeat():
    for _ in range(3):
        print("beat")
        await asyncio.sleep(0.01)


async def digest():
    print("digest starts")
    total = sum(i * i for i in range(300_000))  # computing, with no await inside
    print("digest ends")
    return total


async def main():
    await asyncio.gather(heartbeat(), digest())


asyncio.run(main())
