import asyncio


async def say(word, times):
    for _ in range(times):
        print(word)
        await asyncio.sleep(0)  # a pure hand-over: "let the others run, then me again"


async def main():
    task = asyncio.create_task(say("ping", 2))
    await say("pong", 2)
    await task


asyncio.run(main())
