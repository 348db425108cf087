#| solution
import heapq
#| end
import time


def run(tasks, clock=time.monotonic, sleep=time.sleep):
    """Run generator tasks until all have finished.

    Each task is a generator that yields how many seconds it wants to wait before it runs again. All tasks start
    at once; a task whose wait is over runs up to its next yield. Tasks whose waits end at the same moment run in
    the order they were given.
    """
    #| starter
    # waiting = [(clock(), index, task) for index, task in enumerate(tasks)]
    # while waiting:
    #     now = clock()
    #     due = sorted(entry for entry in waiting if entry[0] <= now)
    #     for entry in due:  # polling: is anyone's time up yet? If not, ask again at once.
    #         waiting.remove(entry)
    #         _, index, task = entry
    #         try:
    #             seconds = next(task)
    #         except StopIteration:
    #             continue
    #         waiting.append((clock() + seconds, index, task))
    #| solution
    start = clock()
    timers = [(start, index, task) for index, task in enumerate(tasks)]
    heapq.heapify(timers)
    while timers:
        when, index, task = heapq.heappop(timers)  # the earliest deadline
        delay = when - clock()
        if delay > 0:
            sleep(delay)  # nothing can be due before `when`: give the CPU away until then
        try:
            seconds = next(task)
        except StopIteration:
            continue
        heapq.heappush(timers, (clock() + seconds, index, task))
    #| end


def worker(name, waits):
    for seconds in waits:
        print(f"{time.monotonic() - START:.1f} s: {name} waits {seconds} s")
        yield seconds
    print(f"{time.monotonic() - START:.1f} s: {name} done")


if __name__ == "__main__":
    START = time.monotonic()
    run([worker("A", [0.3, 0.1]), worker("B", [0.2])])
