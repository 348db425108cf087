import asyncio
import logging
import sys
import time

# asyncio reports through the "asyncio" logger; send it to stdout so that it shows among the prints.
logging.basicConfig(stream=sys.stdout, format="%(levelname)s:%(name)s: %(message)s")


def read_sensor(name):
    time.sleep(0.25)  # a library call that blocks: it knows nothing of asyncio
    return 21.5


async def poll(name):
    value = read_sensor(name)
    print(f"{name}: {value}")


async def main():
    await asyncio.gather(poll("kitchen"), poll("garage"))


start = time.perf_counter()
asyncio.run(main(), debug=True)
print(f"took {time.perf_counter() - start:.1f} s")
