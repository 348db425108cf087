import asyncio
import time


async def runner(name, start_signal, t0):
    print(f"{name}: on the line")
    await start_signal.wait()  # every waiting task wakes when the event is set
    print(f"{name}: off at {time.perf_counter() - t0:.1f} s")


async def main():
    t0 = time.perf_counter()
    start_signal = asyncio.Event()
    async with asyncio.TaskGroup() as tg:
        for name in ("ann", "bo", "cy"):
            tg.create_task(runner(name, start_signal, t0))
        await asyncio.sleep(0.2)
        print("starter: go!")
        start_signal.set()


asyncio.run(main())
