import asyncio
import threading
import time

from checking import expect, expect_equal, load

learner = load()
wrong_thread = []  # (what, thread name): loop calls made from a thread other than the loop's


def strict_loop_class():
    """A subclass of this Python's event loop that notices being called from the wrong thread, as asyncio's debug
    mode does. Only call_soon_threadsafe (and what is built on it) may be used from another thread; everything
    else, such as resolving a future or putting into an asyncio.Queue, schedules its callbacks with call_soon."""
    probe = asyncio.new_event_loop()
    base = type(probe)
    probe.close()

    class StrictLoop(base):
        def call_soon(self, callback, *args, context=None):
            if self._thread_id is not None and threading.get_ident() != self._thread_id:
                wrong_thread.append((getattr(callback, "__qualname__", repr(callback)), threading.current_thread().name))
                self._write_to_self()  # wake the loop anyway, so the run ends and the check can explain
            return super().call_soon(callback, *args, context=context)

    return StrictLoop


StrictLoop = strict_loop_class()


def start_downloads(names, on_done):
    """The callback library: downloads in a thread of its own and calls on_done(name, size) in that thread."""

    def download_all():
        for name in names:
            time.sleep(0.05)
            on_done(name, len(name) * 100)

    threading.Thread(target=download_all, name="downloader").start()


async def with_deadline(names):
    return await asyncio.wait_for(learner.sizes(start_downloads, names), 5)


def sizes(names):
    wrong_thread.clear()
    with asyncio.Runner(loop_factory=StrictLoop) as runner:
        return runner.run(with_deadline(names))


names = ["a.txt", "bb.txt", "ccc.txt", "dddd.txt"]
call = "sizes(start_downloads, ['a.txt', 'bb.txt', 'ccc.txt', 'dddd.txt'])"
start = time.perf_counter()
try:
    got = sizes(names)
except TimeoutError:
    got = None
took = time.perf_counter() - start
expect(
    not wrong_thread,
    f"{call} touched the event loop from the library's thread ({wrong_thread[0][1] if wrong_thread else ''}): "
    f"a callback ({wrong_thread[0][0] if wrong_thread else ''}) was scheduled with call_soon from there. asyncio objects are not "
    "thread-safe, and a loop waiting for I/O does not notice such a call. In on_done, hand the work to the loop "
    "with loop.call_soon_threadsafe(...), using the loop you got from asyncio.get_running_loop() in the coroutine.",
)
expect(got is not None, f"{call} did not finish within 5 s: does it stop waiting once every file has been reported?")
expect_equal(got, {name: len(name) * 100 for name in names}, call)
expect_equal(sizes([]), {}, "sizes(start_downloads, []), nothing to download")
print(f"All four sizes arrived through the loop's own thread, in {took:.2f} s.")
