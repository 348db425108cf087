import asyncio
#| solution
import concurrent.futures


async def mirror_one(name, download, digest, save, pool):
    # Waiting: the event loop runs the other downloads meanwhile.
    data = await download(name)
    # Computing: another process, so another core.
    loop = asyncio.get_running_loop()
    value = await loop.run_in_executor(pool, digest, data)
    # Blocking: a worker thread, so the loop stays free.
    await asyncio.to_thread(save, name, value)
    return name, value


async def mirror_all(names, download, digest, save):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        jobs = [mirror_one(name, download, digest, save, pool) for name in names]
        pairs = await asyncio.gather(*jobs)
    return dict(pairs)
#| end


def mirror(names, download, digest, save):
    #| starter
    # """Download every file in `names`, digest it and save the digest.
    # Return {name: digest}.

    # - download(name) is a coroutine function: it waits on the network,
    #   then returns the file's bytes.
    # - digest(data) is a plain function that computes for a while, in pure
    #   Python. Keep what it returns as it is.
    # - save(name, value) is a blocking call (think: a database driver
    #   without async support).

    # Today it does one thing at a time, all in the main thread.
    # Give each part the tool that suits it.
    # """
    # results = {}
    # for name in names:
    #     data = asyncio.run(download(name))
    #     value = digest(data)
    #     save(name, value)
    #     results[name] = value
    # return results
    #| solution
    """Download every file in `names`, digest it and save the digest.
    Return {name: digest}."""
    return asyncio.run(mirror_all(names, download, digest, save))
    #| end
