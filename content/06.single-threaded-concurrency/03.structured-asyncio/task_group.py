import asyncio
import time


async def download(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
        if fail:
            raise ValueError(f"{name}: bad data")
        print(f"{name}: done")
        return name
    finally:
        print(f"{name}: closed")  # runs whether the download finished, failed or was cancelled


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:  # waits for every task created in it
        a = tg.create_task(download("a", 0.1))
        b = tg.create_task(download("b", 0.2))
    print(f"both ok: {a.result()}, {b.result()} in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(download("c", 0.1, fail=True))
            slow = tg.create_task(download("d", 5))
    except* ValueError as group:  # the group's errors arrive as an ExceptionGroup
        print(f"failed: {group.exceptions[0]}; d cancelled: {slow.cancelled()}")
    print(f"second group over in {time.perf_counter() - start:.1f} s, not 5 s")


asyncio.run(main())
