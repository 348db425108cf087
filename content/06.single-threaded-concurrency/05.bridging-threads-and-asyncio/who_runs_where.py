import asyncio
import threading


def where(label):
    print(f"{label}: {threading.current_thread().name}")
    return label


async def on_the_loop():
    where("coroutine sent by run_coroutine_threadsafe")


def in_a_thread(loop):
    where("function given to to_thread")
    loop.call_soon_threadsafe(where, "callback given to call_soon_threadsafe")
    asyncio.run_coroutine_threadsafe(on_the_loop(), loop).result()


async def main():
    loop = asyncio.get_running_loop()
    where("main()")
    await asyncio.to_thread(in_a_thread, loop)
    label = await loop.run_in_executor(None, where, "function given to run_in_executor")
    print(f"back in main(): {label!r} was returned")


asyncio.run(main())
