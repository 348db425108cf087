import asyncio
import concurrent.futures


async def mirror_one(name, download, digest, save, pool):
    data = await download(name)  # waiting: the event loop runs the other downloads meanwhile
    loop = asyncio.get_running_loop()
    value = await loop.run_in_executor(pool, digest, data)  # computing: another process, another core
    await asyncio.to_thread(save, name, value)  # blocking: a worker thread, so the loop stays free
    return name, value


async def mirror_all(names, download, digest, save):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        pairs = await asyncio.gather(*(mirror_one(name, download, digest, save, pool) for name in names))
    return dict(pairs)


def mirror(names, download, digest, save):
    """Download every file in `names`, digest it and save the digest; return {name: digest}."""
    return asyncio.run(mirror_all(names, download, digest, save))
