import threading

from checking import expect, expect_equal, load

learner = load()
freed = []

# One thread.
r = learner.Resource("a", on_free=freed.append)
expect_equal(r.refs.get(), 1, "references of a new Resource")
r.incref()
r.incref()
expect_equal(r.refs.get(), 3, "references after two incref() calls")
r.decref()
r.decref()
expect_equal(freed, [], "on_free calls while one reference is left")
r.decref()
expect_equal(freed, ["a"], "on_free calls after the last decref()")

# Four threads borrow the object while the main thread keeps its reference.
freed.clear()
r = learner.Resource("shared", on_free=freed.append)
THREADS, TIMES = 4, 400


def borrow():
    for _ in range(TIMES):
        r.incref()
        r.decref()


threads = [threading.Thread(target=borrow, daemon=True) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=10)
expect(not any(t.is_alive() for t in threads), "the borrowing threads did not finish: do they wait for a lock that is never released?")
left = r.refs.get()
expect(
    not freed,
    f"on_free was called while the main thread still held its reference (the count ended at {left}): "
    "in CPython that object's memory would be reused while still in use",
)
expect(
    left == 1,
    f"{THREADS} threads did {TIMES} incref()/decref() pairs each; the count should be back at 1, got {left}. "
    "Two threads read the same count and one update overwrote the other: make each update one step with a lock.",
)
r.decref()
expect_equal(freed, ["shared"], "on_free calls after the main thread's final decref()")
print("Every update counted, and the object was freed exactly once, at the end.")
