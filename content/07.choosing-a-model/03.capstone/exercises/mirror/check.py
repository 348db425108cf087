import asyncio
import os
import threading
import time

from checking import expect, expect_equal, load

in_flight = 0
most_in_flight = 0
downloaded = []
loop_threads = set()  # the threads that ran the event loop (where download() was awaited)
saved = []


async def download(name):
    """Waits like a download, and counts how many downloads are waiting at once."""
    global in_flight, most_in_flight
    if not isinstance(name, str):
        raise TypeError(f"download(name) takes a file name, got {name!r}")
    loop_threads.add(threading.current_thread().name)
    in_flight += 1
    most_in_flight = max(most_in_flight, in_flight)
    try:
        await asyncio.sleep(0.1)
    finally:
        in_flight -= 1
    downloaded.append(name)
    return name.encode() * 5_000


def checksum(data):
    h = 0
    for byte in data:
        h = (h * 31 + byte) % 1_000_000_007
    return h


def digest(data):
    """Pure-Python computing. Returns the checksum and the process that computed it."""
    return checksum(data), os.getpid()


def save(name, value):
    """A blocking call. Records where it ran: which process and which thread."""
    time.sleep(0.05)
    saved.append((name, value, threading.current_thread().name))


def mirror(learner, names):
    global in_flight, most_in_flight
    in_flight = most_in_flight = 0
    downloaded.clear()
    loop_threads.clear()
    saved.clear()
    return learner.mirror(names, download, digest, save)


if __name__ == "__main__":
    learner = load()
    me = os.getpid()
    names = [f"file{i}.dat" for i in range(6)]
    start = time.perf_counter()
    results = mirror(learner, names)
    took = time.perf_counter() - start
    call = "mirror(['file0.dat', ..., 'file5.dat'], download, digest, save)"

    expect(isinstance(results, dict), f"{call} should return a dict {{name: digest}}, got {results!r}")
    expect_equal(sorted(results), names, f"{call}: the names in the dict it returned")
    expect_equal(sorted(downloaded), names, f"{call}: the files downloaded (each one once)")
    for name in names:
        value = results[name]
        expect(
            isinstance(value, tuple) and len(value) == 2 and value[0] == checksum(name.encode() * 5_000),
            f"{call}: results[{name!r}] should be what digest() returned for that file's data, got {value!r}",
        )

    expect(
        most_in_flight >= 2,
        f"{call} downloaded one file at a time (at most {most_in_flight} download waiting at once). Downloads wait on "
        "the network: run them as tasks of one event loop (asyncio.gather or a TaskGroup inside a single "
        "asyncio.run), so their waits overlap.",
    )
    digest_pids = {value[1] for value in results.values()}
    expect(
        me not in digest_pids,
        f"{call} computed digests in this process (pid {me}). digest() is pure-Python computing: threads would take "
        "turns on one GIL, and in the event loop's thread it would stop every other task. Send it to a "
        "ProcessPoolExecutor with loop.run_in_executor(pool, digest, data).",
    )

    expect(
        len(saved) == len(names),
        f"{call}: save() ran {len(saved)} times in this process, expected {len(names)}. save() waits on a "
        "blocking library: run it in a thread (asyncio.to_thread), not in another process.",
    )
    expect_equal(
        sorted((name, value) for name, value, *_ in saved),
        sorted(results.items()),
        f"{call}: the (name, digest) pairs given to save()",
    )
    for name, _, thread in saved:
        expect(
            thread not in loop_threads,
            f"{call} called save({name!r}, ...) in the event loop's thread ({thread}). A blocking call there stops "
            "every other task until it returns: hand it to a thread with await asyncio.to_thread(save, name, value).",
        )

    expect_equal(mirror(learner, []), {}, "mirror([], download, digest, save), nothing to mirror")
    print(
        f"Downloads overlapped ({most_in_flight} at once), digests ran in {len(digest_pids)} other process(es), "
        f"and every save ran in a worker thread: {took:.2f} s in all."
    )
