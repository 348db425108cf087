# Conformance: as_completed yields results in completion order.
# expect: same
import asyncio


async def after(delay, value):
    await asyncio.sleep(delay)
    return value


async def main():
    coros = [after(0.04, "slowest"), after(0.01, "fastest"), after(0.025, "middle")]
    for next_done in asyncio.as_completed(coros):
        print(await next_done)
    try:
        for f in asyncio.as_completed([after(1, "never")], timeout=0.02):
            await f
    except TimeoutError:
        print("as_completed timed out")


asyncio.run(main())
