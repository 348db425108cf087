# Conformance: cancel() delivers CancelledError at the await; finally blocks run; a message travels; uncancel.
# expect: same
import asyncio


async def sleeper():
    try:
        print("sleeping")
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
        raise
    finally:
        print("cleanup")


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("ignoring cancel")
    return "survived"


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel() ->", t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting it raised CancelledError")
    print(t.cancelled(), t.done())
    print("cancel again ->", t.cancel())

    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel()
    print(await s, s.cancelled(), s.cancelling())

    never = asyncio.create_task(sleeper())
    never.cancel()  # before it ever ran
    await asyncio.sleep(0)
    print("never ran:", never.cancelled())


asyncio.run(main())
