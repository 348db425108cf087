# Conformance: asyncio.Barrier releases all parties together; async generators and async comprehensions;
# contextvars are copied into each task.
# expect: same
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def party(barrier, name, delay, log):
    await asyncio.sleep(delay)
    log.append(f"{name} arrives")
    index = await barrier.wait()
    log.append(f"{name} passes")
    return index


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def handler(rid):
    request_id.set(rid)
    await asyncio.sleep(0.01)
    return f"{rid} sees {request_id.get()}"


async def main():
    barrier = asyncio.Barrier(3)
    log = []
    indexes = await asyncio.gather(*(party(barrier, n, d, log) for n, d in (("a", 0.02), ("b", 0.0), ("c", 0.01))))
    print(log)
    print(sorted(indexes), barrier.n_waiting, barrier.broken)

    print([x async for x in ticks(5)])
    total = 0
    async for x in ticks(4):
        total += x
    print("total", total)

    print(await asyncio.gather(handler("r1"), handler("r2")))
    print("main still sees", request_id.get())


asyncio.run(main())
