import asyncio

background = set()  # strong references: the loop itself keeps only weak ones


async def send_email(to):
    await asyncio.sleep(0.1)
    print("sent to", to)


def fire_and_forget(coro):
    task = asyncio.create_task(coro)
    background.add(task)
    task.add_done_callback(background.discard)  # forget it once it has finished
    return task


async def main():
    for to in ["ada", "grace"]:
        fire_and_forget(send_email(to))
    print("tasks kept:", len(background))
    await asyncio.sleep(0.2)
    print("tasks kept:", len(background))


asyncio.run(main())
