import threading
import time

from checking import expect, expect_equal, load

learner = load()

# In one thread: first in, first out.
shelf = learner.Shelf(3)
for item in "abc":
    shelf.put(item)
expect_equal(len(shelf), 3, "len(shelf) after three put() calls on Shelf(3)")
expect_equal([shelf.take() for _ in range(3)], ["a", "b", "c"], "three take() calls after put('a'), put('b'), put('c')")

# take() on an empty shelf must wait, not fail, and return what another thread puts.
shelf = learner.Shelf(1)
got, errors = [], []


def take_one():
    try:
        got.append(shelf.take())
    except Exception as e:  # noqa: BLE001 - reported to the learner below
        errors.append(e)


taker = threading.Thread(target=take_one, daemon=True)
taker.start()
time.sleep(0.1)
expect(not errors, f"take() on an empty shelf raised {errors[0]!r} instead of waiting for an item" if errors else "")
expect(taker.is_alive() and not got, "take() on an empty shelf returned at once; it should wait until an item is put")
shelf.put("bread")
taker.join(timeout=2)
expect(not taker.is_alive(), "put('bread') did not wake the thread waiting in take(): notify the condition after a change")
expect_equal(got, ["bread"], "what the waiting take() returned")

# put() on a full shelf must wait until something is taken.
shelf = learner.Shelf(1)
shelf.put(1)
putter = threading.Thread(target=shelf.put, args=(2,), daemon=True)
putter.start()
time.sleep(0.1)
expect(putter.is_alive(), f"put() on a full Shelf(1) returned at once; the shelf now holds {len(shelf)} items")
expect_equal(shelf.take(), 1, "take() from the full shelf")
putter.join(timeout=2)
expect(not putter.is_alive(), "take() did not wake the thread waiting in put(): notify the condition after a change")
expect_equal(shelf.take(), 2, "take() after the waiting put(2) went through")

# Two bakers and two customers, on this run's schedule.
shelf = learner.Shelf(2)
fullest = [0]
sold = []


def bake(who):
    for n in range(30):
        shelf.put((who, n))
        fullest[0] = max(fullest[0], len(shelf))


def buy():
    for _ in range(30):
        sold.append(shelf.take())


threads = [threading.Thread(target=bake, args=(w,), daemon=True) for w in "AB"] + [threading.Thread(target=buy, daemon=True) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=10)
expect(not any(t.is_alive() for t in threads), "two bakers and two customers did not finish: someone waits and is never woken")
expect(fullest[0] <= 2, f"Shelf(2) held {fullest[0]} items at one point: put() must wait while the shelf is full")
expect_equal(sorted(sold), sorted((w, n) for w in "AB" for n in range(30)), "the 60 loaves the customers got")
for who in "AB":
    mine = [n for w, n in sold if w == who]
    expect(mine == sorted(mine), f"baker {who}'s loaves came out in this order: {mine}; a shelf is first in, first out")
print("The shelf waits when it should, wakes who it should, and never overflows.")
