import asyncio

open_connections = 0  # how many fetches are in progress right now


async def fetch(name, seconds):
    """Pretends to download something over a connection that must be closed, whatever happens."""
    global open_connections
    open_connections += 1
    try:
        await asyncio.sleep(seconds)
        return f"{name} ({seconds} s)"
    finally:
        open_connections -= 1


#| solution
async def fetch_or_none(name, seconds, limit):
    try:
        return await asyncio.wait_for(fetch(name, seconds), timeout=limit)
    except TimeoutError:
        return None  # wait_for has cancelled the fetch, and its finally has closed the connection


#| end
async def fetch_all(requests, limit):
    """requests is a list of (name, seconds). Fetch them all concurrently and return their results in request order,
    with None for every fetch that did not finish within `limit` seconds. Return after about `limit` seconds at most,
    with no fetch left running."""
    #| starter
    # return list(await asyncio.gather(*(fetch(name, seconds) for name, seconds in requests)))
    #| solution
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch_or_none(name, seconds, limit)) for name, seconds in requests]
    return [task.result() for task in tasks]
    #| end


if __name__ == "__main__":
    print(asyncio.run(fetch_all([("a", 0.1), ("b", 3), ("c", 0.2)], limit=0.5)))
