# Conformance: gather keeps argument order; return_exceptions; the first error propagates and others keep running.
# expect: same
import asyncio


async def job(n, delay, fail=False):
    await asyncio.sleep(delay)
    print("finished", n)
    if fail:
        raise ValueError(f"job {n} failed")
    return n * 10


async def main():
    print(await asyncio.gather(job(1, 0.03), job(2, 0.01), job(3, 0.02)))
    print(await asyncio.gather(job(4, 0.01, fail=True), job(5, 0.02), return_exceptions=True))
    try:
        await asyncio.gather(job(6, 0.01, fail=True), job(7, 0.03))
    except ValueError as e:
        print("caught", e)
    await asyncio.sleep(0.05)  # job 7 still finishes
    print(await asyncio.gather())


asyncio.run(main())
