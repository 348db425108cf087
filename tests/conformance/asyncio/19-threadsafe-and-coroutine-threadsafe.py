# Conformance: a plain thread hands results to the loop with call_soon_threadsafe and run_coroutine_threadsafe.
# expect: same
import asyncio
import threading
import time


async def double(x):
    await asyncio.sleep(0.01)
    return x * 2


def producer(loop, q):
    for i in range(3):
        time.sleep(0.01)
        loop.call_soon_threadsafe(q.put_nowait, i)
    cf = asyncio.run_coroutine_threadsafe(double(21), loop)
    print("thread got", cf.result(timeout=5))
    loop.call_soon_threadsafe(q.put_nowait, None)


async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    t = threading.Thread(target=producer, args=(loop, q))
    t.start()
    while (item := await q.get()) is not None:
        print("loop got", item)
    await asyncio.to_thread(t.join)
    print("thread joined")


asyncio.run(main())
