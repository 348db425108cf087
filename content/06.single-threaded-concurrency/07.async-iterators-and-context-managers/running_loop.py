import asyncio


async def main():
    loop = asyncio.get_running_loop()  # inside a coroutine: the loop that runs it
    started = loop.time()
    await asyncio.sleep(0.1)
    print(f"slept {loop.time() - started:.1f} s on the running loop")


asyncio.run(main())  # makes a loop, runs main, closes the loop

with asyncio.Runner() as runner:  # several calls on one loop
    runner.run(main())
    runner.run(main())
