# Conformance: a failed task whose exception nobody retrieved is reported when it is collected
# ("Task exception was never retrieved"), also while the event-loop picture is being recorded.
# expect: same
import asyncio
import gc


async def fails():
    raise RuntimeError("nobody awaited me")


async def main():
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("done:", t.done())
    del t
    gc.collect()
    await asyncio.sleep(0)
    print("main continues")


asyncio.run(main())
