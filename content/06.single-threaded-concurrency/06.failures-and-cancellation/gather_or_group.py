import asyncio


async def fail_soon():
    await asyncio.sleep(0.1)
    raise ValueError("fail_soon broke")


async def slow(name):
    try:
        await asyncio.sleep(0.3)
        print(f"{name}: finished")
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise


async def main():
    try:
        await asyncio.gather(fail_soon(), slow("gathered"))
    except ValueError as exc:
        print("gather raised:", exc)
    await asyncio.sleep(0.5)  # time enough for anything still running to finish

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fail_soon())
            group.create_task(slow("grouped"))
    except* ValueError as failures:
        print("TaskGroup raised:", repr(failures.exceptions))


asyncio.run(main())
