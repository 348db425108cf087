import asyncio
import time


def blocking_work():
    time.sleep(0.3)  # stands for any call that blocks: a file, a database driver, a slow library


async def heartbeat(beats):
    while True:
        await asyncio.sleep(0.05)
        beats.append(time.perf_counter())


async def measure(label, work):
    beats = []
    task = asyncio.create_task(heartbeat(beats))
    await asyncio.sleep(0)  # let the heartbeat start
    await work()
    task.cancel()
    print(f"{label}: {len(beats)} heartbeats during 0.3 s of blocking work")


async def called_directly():
    blocking_work()  # the whole loop stops here


async def in_a_thread():
    await asyncio.to_thread(blocking_work)  # the loop keeps running while a thread waits


async def main():
    await measure("called directly", called_directly)
    await measure("asyncio.to_thread", in_a_thread)


asyncio.run(main())
