import threading
import time

N = 200_000  # long enough for many switch intervals: a short run can end before any thread is asked to switch
items = []
counter = 0
total = 0


def fee(amount):  # entering a Python function is a switch point: no loop needed
    return amount


def work():
    global counter, total
    time.sleep(0.01)  # let all four threads start, so that they update at the same time
    for _ in range(N):
        items.append(1)  # one operation on a list
        counter += 1  # read, add, write, with no switch point in between
        total = total + fee(1)  # read total, call fee() (a switch point), write total


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"list.append:           {len(items):,} of {4 * N:,}")
print(f"counter += 1:          {counter:,} of {4 * N:,}")
print(f"total = total + fee(): {total:,} of {4 * N:,}")
