# Conformance: futures: result, exception, done callbacks (scheduled with call_soon), cancel, InvalidStateError.
# expect: same
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback sees", f.result()))
    print("done?", fut.done())
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    loop.call_soon(fut.set_result, 7)
    print("awaited", await fut)
    await asyncio.sleep(0)

    bad = loop.create_future()
    bad.set_exception(ValueError("nope"))
    try:
        await bad
    except ValueError as e:
        print("raised", repr(e))

    c = loop.create_future()
    print("cancel:", c.cancel(), c.cancelled())
    try:
        c.set_result(1)
    except asyncio.InvalidStateError:
        print("cannot set a cancelled future")

    wrapped = asyncio.ensure_future(asyncio.sleep(0.01, result="via ensure_future"))
    print(isinstance(wrapped, asyncio.Task), await wrapped)


asyncio.run(main())
