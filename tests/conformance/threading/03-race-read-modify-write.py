# Conformance: a read-modify-write split by a switch point (time.sleep(0) releases the GIL) loses updates.
# expect: same
import threading
import time

counter = 0


def increment(n):
    global counter
    for _ in range(n):
        value = counter
        time.sleep(0)  # the GIL is released here, another thread runs
        counter = value + 1


threads = [threading.Thread(target=increment, args=(300,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("expected 1200, lost updates:", counter < 1200)
