# Conformance: asyncio.Event wakes every waiter; clear and wait again; wait with a timeout.
# expect: same
import asyncio


async def waiter(name, ev):
    print(name, "waiting")
    await ev.wait()
    print(name, "woke up")


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.01)
    print("setting")
    ev.set()
    await asyncio.gather(*tasks)
    print("is_set", ev.is_set())
    ev.clear()
    try:
        await asyncio.wait_for(ev.wait(), 0.02)
    except TimeoutError:
        print("nobody set it")


asyncio.run(main())
