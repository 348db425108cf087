import threading

from checking import expect, expect_equal, load

learner = load()

# One thread first: the arithmetic must be right before threads come into it.
c = learner.Counter()
c.increment()
c.increment(5)
expect_equal(c.value, 6, "Counter() then increment() and increment(5), in one thread")

# A refused amount must not leave the counter locked (use `with`, not acquire() without a matching release()).
try:
    c.increment(-1)
except ValueError:
    pass
else:
    raise AssertionError("increment(-1) should still raise ValueError from checked()")
finished = []
t = threading.Thread(target=lambda: finished.append(c.increment(1)))
t.start()
t.join(timeout=2)
expect(
    finished and not t.is_alive(),
    "after increment(-1) raised, the next increment() never finished: the lock was left held. "
    "A `with lock:` block releases it even when an exception leaves the block.",
)
expect_equal(c.value, 7, "after increment(-1) raised and increment(1) ran")

# Now the race: several threads, several amounts, on this run's thread schedule.
counter = learner.Counter()
THREADS, TIMES = 4, 1_500


def work(amount):
    for _ in range(TIMES):
        counter.increment(amount)


threads = [threading.Thread(target=work, args=(n + 1,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = TIMES * sum(range(1, THREADS + 1))
expect(
    counter.value == expected,
    f"{THREADS} threads incremented one Counter {TIMES} times each by 1, 2, 3 and 4: expected {expected}, "
    f"got {counter.value}. {expected - counter.value} was lost: two threads read the same value, "
    "and the second write overwrote the first. Hold a lock around the read and the write.",
)
print(f"Exactly {expected} under this schedule: no update was lost.")
