# Conformance: wait_for and asyncio.timeout raise TimeoutError and cancel the inner work; reschedule works.
# expect: same
import asyncio


async def slow(label):
    try:
        await asyncio.sleep(1)
        return label
    except asyncio.CancelledError:
        print(label, "was cancelled")
        raise


async def main():
    print(await asyncio.wait_for(asyncio.sleep(0.01, result="quick"), timeout=1))
    try:
        await asyncio.wait_for(slow("wait_for"), timeout=0.02)
    except TimeoutError:
        print("wait_for timed out")

    try:
        async with asyncio.timeout(0.02):
            await slow("timeout block")
    except TimeoutError:
        print("timeout block timed out")

    async with asyncio.timeout(None) as cm:
        cm.reschedule(asyncio.get_running_loop().time() + 0.5)
        await asyncio.sleep(0.01)
        print("rescheduled ok, expired:", cm.expired())


asyncio.run(main())
