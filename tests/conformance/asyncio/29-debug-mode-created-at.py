# Conformance: in debug mode, what asyncio tells the program (reprs of tasks, handles and futures, and the "slow
# callback" warning, which reaches a handler the program put on the "asyncio" logger) says where each was created:
# the program's line, or asyncio's own, never the runtime's.
# Paths of the standard library, line numbers in it, times and durations are printed as "asyncio/…:N", "…".
# expect: same
import asyncio
import logging
import os
import re
import time


def clean(text):
    text = text.replace(os.path.dirname(os.path.abspath(__file__)) + os.sep, "")
    text = re.sub(r"\S*/asyncio/(\w+\.py):\d+", r"asyncio/\1:N", text)
    text = re.sub(r"took \d+\.\d+ seconds", "took … seconds", text)
    text = re.sub(r"when=[\d.]+", "when=…", text)
    return re.sub(r"0x[0-9a-f]+", "0x…", text)


class Show(logging.Handler):
    def emit(self, record):
        message = record.getMessage()
        if "slow_step" in message:
            print("logged:", clean(message))


log = logging.getLogger("asyncio")
log.addHandler(Show())
log.propagate = False


async def slow_step():
    time.sleep(0.3)  # blocks the event loop: a slow callback in debug mode


async def main():
    loop = asyncio.get_running_loop()
    print("debug:", loop.get_debug())
    task = loop.create_task(slow_step(), name="slow")
    print(clean(repr(task)))
    await task
    handle = loop.call_soon(print, "callback ran")
    print(clean(repr(handle)))
    later = loop.call_later(0.01, print, "timer ran")
    print(clean(repr(later)))
    sleeper = asyncio.create_task(asyncio.sleep(0.02), name="sleeper")
    print(clean(repr(sleeper)))
    future = loop.create_future()
    print(clean(repr(future)))
    future.set_result(None)
    await sleeper


asyncio.run(main(), debug=True)
