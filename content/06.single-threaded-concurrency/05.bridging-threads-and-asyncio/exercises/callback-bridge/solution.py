import asyncio


async def sizes(start_downloads, names):
    #| starter
    # """Download every file in `names` with the callback library.
    # Return {name: size}.

    # start_downloads(names, on_done) returns at once; a thread of the
    # library's own downloads the files and calls on_done(name, size) for
    # each one, *in that thread*.
    # """
    #| solution
    """Download every file in `names` with the callback library.
    Return {name: size}."""
    loop = asyncio.get_running_loop()
    #| end
    queue = asyncio.Queue()

    def on_done(name, size):
        #| starter
        # queue.put_nowait((name, size))
        #| solution
        # Runs in the library's thread: never touch the queue from here,
        # ask the loop to do it.
        loop.call_soon_threadsafe(queue.put_nowait, (name, size))
        #| end

    start_downloads(names, on_done)
    result = {}
    while len(result) < len(names):
        name, size = await queue.get()
        result[name] = size
    return result
