import asyncio


async def save(document):
    await asyncio.sleep(0.2)  # stands in for a write that must not be cut in half
    print("saved", document)


async def main():
    saving = asyncio.create_task(save("report.txt"))
    try:
        await asyncio.wait_for(asyncio.shield(saving), timeout=0.1)
    except TimeoutError:
        print("gave up waiting after 0.1 s; the save goes on")
    await saving
    print("cancelled?", saving.cancelled())


asyncio.run(main())
