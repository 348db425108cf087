import asyncio
import os
import threading
from concurrent.futures import ProcessPoolExecutor


def where(parent):
    process = "the parent process" if os.getpid() == parent else "a child process"
    thread = "its main thread" if threading.current_thread() is threading.main_thread() else "a worker thread"
    return f"{process}, {thread}"


async def main():
    parent = os.getpid()
    loop = asyncio.get_running_loop()
    print("the coroutine itself:", where(parent))
    print("asyncio.to_thread:   ", await asyncio.to_thread(where, parent))
    with ProcessPoolExecutor(max_workers=1) as pool:
        print("process pool:        ", await loop.run_in_executor(pool, where, parent))


if __name__ == "__main__":
    asyncio.run(main())
