import asyncio
import threading
import time


def deliver_later(hand_over, item):
    """A plain thread (a device driver, a GUI toolkit): it blocks,
    and knows nothing about asyncio."""
    time.sleep(0.1)
    hand_over(item)


async def wait_for_delivery(how):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    if how == "put_nowait from the thread":
        # Wrong: the thread touches the queue itself.
        hand_over = queue.put_nowait
    else:
        # Right: the thread asks the loop to do it.
        def hand_over(item):
            loop.call_soon_threadsafe(queue.put_nowait, item)
    start = time.perf_counter()
    thread = threading.Thread(target=deliver_later, args=(hand_over, "parcel"))
    thread.start()
    try:
        # Nothing else is scheduled: the loop sleeps until I/O arrives
        # or the 1 s deadline passes.
        item = await asyncio.wait_for(queue.get(), timeout=1.0)
        print(f"{how}: got the {item} after {time.perf_counter() - start:.1f} s")
    finally:
        thread.join()


async def main():
    await wait_for_delivery("put_nowait from the thread")
    await wait_for_delivery("call_soon_threadsafe")


asyncio.run(main())
