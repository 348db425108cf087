# Conformance: to_thread runs blocking functions in worker threads while the loop keeps running other tasks.
# expect: same
import asyncio
import threading
import time


def blocking(n):
    time.sleep(0.05)
    return n, threading.current_thread() is not threading.main_thread()


async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        ticks += 1
        await asyncio.sleep(0.005)
    return ticks


async def main():
    stop = asyncio.Event()
    tick_task = asyncio.create_task(ticker(stop))
    results = await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(4)))
    stop.set()
    ticks = await tick_task
    print(results)
    print("the loop kept ticking:", ticks >= 3)


asyncio.run(main())
print("after asyncio.run")
