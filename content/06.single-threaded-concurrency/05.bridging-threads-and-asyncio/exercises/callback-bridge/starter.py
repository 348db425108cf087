import asyncio


async def sizes(start_downloads, names):
    """Download every file in `names` with the callback library.
    Return {name: size}.

    start_downloads(names, on_done) returns at once; a thread of the
    library's own downloads the files and calls on_done(name, size) for
    each one, *in that thread*.
    """
    queue = asyncio.Queue()

    def on_done(name, size):
        queue.put_nowait((name, size))

    start_downloads(names, on_done)
    result = {}
    while len(result) < len(names):
        name, size = await queue.get()
        result[name] = size
    return result
