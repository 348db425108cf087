# Conformance: a failing task cancels its siblings; the errors arrive as an ExceptionGroup, split with except*.
# expect: same
import asyncio

cancelled = []


async def ok(n):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        cancelled.append(n)  # the order siblings are cancelled in is an implementation detail
        raise


async def bad(exc):
    await asyncio.sleep(0.01)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            tg.create_task(bad(ValueError("v")))
            tg.create_task(bad(KeyError("k")))
            tg.create_task(ok(2))
    except* ValueError as eg:
        print("ValueErrors:", [str(e) for e in eg.exceptions])
    except* KeyError as eg:
        print("KeyErrors:", [repr(e) for e in eg.exceptions])
    print("siblings cancelled:", sorted(cancelled))


asyncio.run(main())


async def uncaught():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(bad(ZeroDivisionError("boom")))


asyncio.run(uncaught())
