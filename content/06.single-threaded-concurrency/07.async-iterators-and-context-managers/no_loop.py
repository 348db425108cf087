import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("done")


loop = asyncio.get_event_loop()  # the old way: "give me the loop", made one when there was none
loop.run_until_complete(main())
