import asyncio
import concurrent.futures
import multiprocessing
import threading


def where(label):
    child = multiprocessing.parent_process() is not None
    place = "a child process" if child else "main process"
    print(f"{label}: {threading.current_thread().name}, {place}")
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
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        label = await loop.run_in_executor(
            pool, where, "function given to a process pool"
        )
    print(f"back in main(): {label!r} was returned")


if __name__ == "__main__":
    asyncio.run(main())
