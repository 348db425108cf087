# Conformance: a stack seen from a coroutine, a callback, a thread, a Timer and asyncio.to_thread has python3's
# frames: the program's and the standard library's, never the runtime's (no file outside those two); so do the
# tracebacks of errors raised in a replaced function (time.sleep) and caught in a thread.
# expect: same
import asyncio
import os
import threading
import time
import traceback

HERE = os.path.abspath(__file__)
STDLIB = os.path.dirname(os.path.abspath(threading.__file__))


def where(summary):
    outside = [f.filename for f in summary if os.path.abspath(f.filename) != HERE and not os.path.abspath(f.filename).startswith(STDLIB)]
    return [f.name for f in summary if os.path.abspath(f.filename) == HERE], outside


def stack():
    return where(traceback.extract_stack()[:-1])


def callback(future):
    future.set_result(stack())


def failing_sleep():
    try:
        time.sleep("a while")
    except TypeError as e:
        return where(traceback.extract_tb(e.__traceback__))


async def main():
    print("coroutine:", stack())
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_soon(callback, future)
    print("callback:", await future)
    print("to_thread:", await asyncio.to_thread(lambda: stack()))
    print("to_thread, error:", await asyncio.to_thread(failing_sleep))


asyncio.run(main())
out = []
t = threading.Thread(target=lambda: out.append(stack()))
t.start()
t.join()
print("thread:", out[0])
timer = threading.Timer(0.01, lambda: out.append(stack()))
timer.start()
timer.join()
print("timer:", out[1])
print("main, error:", failing_sleep())
