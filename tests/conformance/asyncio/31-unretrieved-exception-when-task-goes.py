# Conformance: a task whose exception nobody reads is reported as the task goes away (reference counting), not
# when the run ends
# expect: same
import asyncio


async def boom():
    raise ValueError("x")


def handler(loop, context):
    print("handler:", context["message"], repr(context["exception"]))


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    asyncio.create_task(boom())
    await asyncio.sleep(0.05)
    print("after the first sleep")
    t = asyncio.create_task(boom())
    await asyncio.sleep(0.05)
    print("kept task done:", t.done())
    del t
    print("after del")
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
