import asyncio


async def save(record):
    await asyncio.sleep(0)
    raise ValueError(f"cannot save {record!r}")


async def main():
    asyncio.create_task(save("order 17"))  # started, and never awaited: who sees its exception?
    await asyncio.sleep(0.1)
    print("main is done")


asyncio.run(main(), debug=True)
