# Conformance: a task nobody references, waiting on a future nobody can complete, is collected while pending:
# asyncio reports "Task was destroyed but it is pending!" as CPython does.
# expect: same
import asyncio
import gc


async def forever():
    await asyncio.get_running_loop().create_future()


async def main():
    asyncio.ensure_future(forever())  # the only strong references form a cycle: task <-> future
    await asyncio.sleep(0.01)
    gc.collect()
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
