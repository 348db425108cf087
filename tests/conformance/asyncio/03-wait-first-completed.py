# Conformance: asyncio.wait with FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and a timeout.
# expect: same
import asyncio


async def after(delay, value, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(value)
    return value


async def main():
    tasks = [asyncio.create_task(after(d, f"t{d}")) for d in (0.05, 0.01, 0.03)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(pending)
    print(sorted(t.result() for t in done), len(pending))

    tasks = [asyncio.create_task(after(0.01, "bad", fail=True)), asyncio.create_task(after(0.2, "slow"))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print([type(t.exception()).__name__ for t in done], len(pending))
    for t in pending:
        t.cancel()

    slow = asyncio.create_task(after(0.3, "late"))
    done, pending = await asyncio.wait([slow], timeout=0.02)
    print(len(done), len(pending), slow.done())
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("slow cancelled")


asyncio.run(main())
