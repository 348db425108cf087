import asyncio


async def fetch(name, seconds):
    """Pretends to download something: waits, then returns a description of it."""
    await asyncio.sleep(seconds)
    return f"{name} ({seconds} s)"


async def fetch_all(requests):
    """requests is a list of (name, seconds). Return the fetched results in the same order as the requests."""
    #| starter
    # results = []
    # for name, seconds in requests:
    #     results.append(await fetch(name, seconds))
    # return results
    #| solution
    return list(await asyncio.gather(*(fetch(name, seconds) for name, seconds in requests)))
    #| end


if __name__ == "__main__":
    print(asyncio.run(fetch_all([("a", 0.2), ("b", 0.1), ("c", 0.15)])))
