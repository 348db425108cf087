# Conformance: asyncio.to_thread runs a blocking function in a worker thread while the event loop waits.
# expect: same
import asyncio
import threading
import time


def blocking(n):
    time.sleep(0.02)
    return n * 2, threading.current_thread() is not threading.main_thread()


async def main():
    results = await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(3)))
    print(results)


asyncio.run(main())
print("after asyncio.run")
