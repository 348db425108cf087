import asyncio
import time


async def download(name):
    await asyncio.sleep(0.3)
    print(name, "downloaded")


async def write_report():
    print("writing the report")
    time.sleep(0.5)
    print("report written")


async def main():
    await asyncio.gather(download("a"), write_report(), download("b"))


asyncio.run(main())
