# Conformance: run_in_executor with the default pool and with an explicit ThreadPoolExecutor; errors propagate.
# expect: same
import asyncio
import concurrent.futures
import time


def work(x):
    time.sleep(0.01)
    if x < 0:
        raise ValueError("negative")
    return x * x


async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, work, 3))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futs = [loop.run_in_executor(pool, work, i) for i in range(5)]
        print(await asyncio.gather(*futs))
        try:
            await loop.run_in_executor(pool, work, -1)
        except ValueError as e:
            print("ValueError from the pool:", e)
    cf = concurrent.futures.ThreadPoolExecutor(max_workers=1).submit(work, 4)
    print("wrap_future:", await asyncio.wrap_future(cf))


asyncio.run(main())
