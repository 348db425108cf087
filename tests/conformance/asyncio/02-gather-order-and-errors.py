# Conformance: gather keeps argument order; return_exceptions; the first error propagates and others keep running.
# expect: same
# (Delays 50 ms or more apart: under load a sleep can wake tens of ms late.)
import asyncio


async def job(n, delay, fail=False):
    await asyncio.sleep(delay)
    print("finished", n)
    if fail:
        raise ValueError(f"job {n} failed")
    return n * 10


async def main():
    print(await asyncio.gather(job(1, 0.15), job(2, 0.05), job(3, 0.10)))
    print(await asyncio.gather(job(4, 0.05, fail=True), job(5, 0.15), return_exceptions=True))
    try:
        await asyncio.gather(job(6, 0.05, fail=True), job(7, 0.3))
    except ValueError as e:
        print("caught", e)
    await asyncio.sleep(0.4)  # job 7 still finishes
    print(await asyncio.gather())


asyncio.run(main())
