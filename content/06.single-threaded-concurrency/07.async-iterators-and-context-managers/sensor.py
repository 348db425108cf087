import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def connection(name):
    print("open", name)
    try:
        yield name.upper()
    finally:
        print("close", name)


async def readings(n):
    for i in range(n):
        await asyncio.sleep(0.01)  # waiting for the next reading lets other tasks run
        yield i * 10


async def main():
    async with connection("sensor") as conn:
        async for value in readings(3):
            print(conn, value)
    print("after the block")


asyncio.run(main())
