import asyncio

cancelled = []  # names of the downloads that were cancelled


async def download(name, seconds):
    try:
        await asyncio.sleep(seconds)  # stands in for the transfer
    except asyncio.CancelledError:
        cancelled.append(name)
        raise
    if name.startswith("bad"):
        raise ValueError(f"{name}: no such file")
    return f"{name}: {seconds} s"


async def download_all(jobs):
    """Run every (name, seconds) download at once and return their results in order.
    When one fails, the others are cancelled and the failure is raised."""
    #| starter
    # return await asyncio.gather(*(download(name, seconds) for name, seconds in jobs))
    #| solution
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(download(name, seconds)) for name, seconds in jobs]
    return [task.result() for task in tasks]
    #| end


if __name__ == "__main__":
    print(asyncio.run(download_all([("a", 0.1), ("b", 0.2)])))
