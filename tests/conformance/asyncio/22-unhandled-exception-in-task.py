# Conformance: an exception in a plain callback goes to the loop's exception handler (logged, the loop goes on);
# a custom handler sees the context; an exception escaping asyncio.run prints its traceback and exits with 1.
# expect: same
import asyncio


def bad_callback():
    raise RuntimeError("callback failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad_callback)
    await asyncio.sleep(0.01)
    print("the loop went on")
    seen = []
    loop.set_exception_handler(lambda loop, context: seen.append((context["message"], repr(context.get("exception")))))
    loop.call_soon(bad_callback)
    await asyncio.sleep(0.01)
    print(seen[0][1], "handled")
    raise LookupError("main failed")


asyncio.run(main())
