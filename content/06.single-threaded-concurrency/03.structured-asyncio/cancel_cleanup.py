import asyncio


async def job():
    try:
        print("job: working")
        await asyncio.sleep(1)
        print("job: finished")
    except asyncio.CancelledError:
        print("job: cancelled")
        raise  # let the cancellation finish: never swallow CancelledError
    finally:
        print("job: cleanup")


async def main():
    task = asyncio.create_task(job())
    await asyncio.sleep(0)  # give the job its first turn
    task.cancel()
    print("main: cancel requested")
    try:
        await task
    except asyncio.CancelledError:
        print("main: task.cancelled() is", task.cancelled())


asyncio.run(main())
