import threading

from checking import expect_equal, expect_thread_safe, load

learner = load()

# Single-threaded first: the statistics themselves must be right.
stats = learner.Stats()
for ms in (30, 50, 20):
    stats.add(ms)
expect_equal((stats.count, stats.total, stats.largest), (3, 100, 50),
             "(count, total, largest) after add(30), add(50), add(20) in one thread")


def two_requests():
    stats = learner.Stats()
    threads = [threading.Thread(target=stats.add, args=(ms,)) for ms in (50, 30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = (stats.count, stats.total, stats.largest)
    assert got == (2, 80, 50), f"after add(50) and add(30) on two threads, (count, total, largest) is {got}, not (2, 80, 50)"


# Correct on every CPython 3.14: with its GIL, and free-threaded (3.14t), where a switch can fall between any two
# bytecodes of add().
expect_thread_safe(two_requests, runs=200, bound=2, model=("gil", "free-threaded"))
