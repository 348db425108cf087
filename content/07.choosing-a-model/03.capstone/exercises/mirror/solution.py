import asyncio
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


def mirror(names, download, digest, save):
    """Download every file in `names`, digest it and save the digest.
    Return {name: digest}."""
    return asyncio.run(mirror_all(names, download, digest, save))
