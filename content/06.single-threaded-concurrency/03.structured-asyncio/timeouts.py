import asyncio
import time


async def answer(seconds):
    await asyncio.sleep(seconds)  # a slow server
    return 42


async def main():
    start = time.perf_counter()
    try:
        async with asyncio.timeout(0.2):  # everything inside must finish within 0.2 s
            await answer(2)
    except TimeoutError:
        print(f"timeout(): gave up after {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    try:
        await asyncio.wait_for(answer(2), timeout=0.3)  # the same for a single awaitable
    except TimeoutError:
        print(f"wait_for(): gave up after {time.perf_counter() - start:.1f} s")

    print("in time:", await asyncio.wait_for(answer(0.1), timeout=5))


asyncio.run(main())
