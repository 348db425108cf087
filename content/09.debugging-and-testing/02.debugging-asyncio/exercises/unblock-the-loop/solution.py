import asyncio
import time


def read_sensor(name):
    """A library call that blocks for 0.2 s (you cannot change it)."""
    time.sleep(0.2)
    return {"kitchen": 21.5, "garage": 12.0, "attic": 25.25}[name]


async def poll(name):
    #| starter
    # return name, read_sensor(name)
    #| solution
    # The blocking call runs in a worker thread; the event loop goes on with the other tasks meanwhile.
    return name, await asyncio.to_thread(read_sensor, name)
    #| end


async def poll_all(names):
    """Read every sensor concurrently; return {name: value}."""
    pairs = await asyncio.gather(*(poll(name) for name in names))
    return dict(pairs)


if __name__ == "__main__":
    start = time.perf_counter()
    print(asyncio.run(poll_all(["kitchen", "garage", "attic"]), debug=True))
    print(f"took {time.perf_counter() - start:.1f} s")
