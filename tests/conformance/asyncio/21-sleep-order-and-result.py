# Conformance: sleep(delay, result); timers that are due together run in the order they were scheduled.
# expect: same
import asyncio


async def named(name, delay):
    v = await asyncio.sleep(delay, result=name)
    print("woke", v)
    return v


async def main():
    order = await asyncio.gather(named("c", 0.03), named("a", 0.01), named("b", 0.02), named("a2", 0.01))
    print(order)
    print(await asyncio.sleep(0, result="zero"))


asyncio.run(main())
