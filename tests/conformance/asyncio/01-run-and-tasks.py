# Conformance: asyncio.run at top level; tasks interleave at each await in the order CPython's loop runs them.
# expect: same
import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    return f"{name} done"


async def main():
    a = asyncio.create_task(worker("A", 3))
    b = asyncio.create_task(worker("B", 2), name="bee")
    print("created", b.get_name())
    print(await a, await b)
    print("current task:", asyncio.current_task().get_name() == "Task-1")


result = asyncio.run(main())
print("result", result)
