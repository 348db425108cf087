# Conformance: asyncio's run_in_executor with a ProcessPoolExecutor: the work runs in other processes, the loop
# gathers the results in order.
# expect: same
import asyncio
import concurrent.futures
import os


def square(n):
    return n * n, os.getpid()


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, square, n) for n in range(6)))
    print("squares:", [r for r, _ in results])
    print("ran in other processes:", all(pid != os.getpid() for _, pid in results))


if __name__ == "__main__":
    asyncio.run(main())
