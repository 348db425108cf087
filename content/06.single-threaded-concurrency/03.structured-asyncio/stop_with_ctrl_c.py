import asyncio
import signal
import time


async def worker(name):
    rounds = 0
    try:
        while True:  # runs until someone stops it
            await asyncio.sleep(0.1)
            rounds += 1
    finally:
        print(f"{name}: cleaning up after {rounds} rounds")


async def main():
    # Plays the part of your Ctrl+C (the Stop button) after 0.35 s. Delete this line, run, and press Stop yourself.
    asyncio.get_running_loop().call_later(0.35, signal.raise_signal, signal.SIGINT)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("a"))
            tg.create_task(worker("b"))
    finally:
        print("main: cleaning up")


start = time.perf_counter()
try:
    asyncio.run(main())
except KeyboardInterrupt:
    print(f"KeyboardInterrupt after {time.perf_counter() - start:.1f} s, everything cleaned up")
