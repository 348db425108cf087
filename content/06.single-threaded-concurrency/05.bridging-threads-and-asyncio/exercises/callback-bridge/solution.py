import asyncio


async def sizes(start_downloads, names):
    """Download every file in `names` with the callback library.
    Return {name: size}."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    def on_done(name, size):
        # Runs in the library's thread: never touch the queue from here,
        # ask the loop to do it.
        loop.call_soon_threadsafe(queue.put_nowait, (name, size))

    start_downloads(names, on_done)
    result = {}
    while len(result) < len(names):
        name, size = await queue.get()
        result[name] = size
    return result
