import asyncio


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("c failed")


async def slow(name):
    try:
        await asyncio.sleep(0.3)
        print(f"{name} finished anyway")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    try:  # gather: the first failure is raised here at once, and the other awaitable runs on
        await asyncio.gather(fails(), slow("gather's d"))
    except ValueError as error:
        print("gather raised:", error)
    await asyncio.sleep(0.4)  # long enough to see whether gather's d finishes

    try:  # TaskGroup: the first failure cancels the others, waits for them, then raises
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            tg.create_task(slow("group's d"))
    except* ValueError as group:
        print("group raised:", group.exceptions)


asyncio.run(main())
