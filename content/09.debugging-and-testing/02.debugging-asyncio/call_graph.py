import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name


async def report():
    await asyncio.sleep(0.05)  # let the fetches start
    # Python 3.14: the await graph of this task, as the loop sees it right now
    asyncio.print_call_graph()
    for task in asyncio.all_tasks():
        if task.get_name().startswith("fetch"):
            print(asyncio.format_call_graph(task))


async def main():
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch("a", 0.2), name="fetch-a")
        group.create_task(fetch("b", 0.3), name="fetch-b")
        group.create_task(report(), name="report")


asyncio.run(main())
