import threading
import time


def crunch():
    total = 0
    for i in range(1_000_000):  # CPU-bound: holds the GIL until it is made to hand over
        total += i % 7


def tick():
    for _ in range(10):
        time.sleep(0.02)  # I/O-bound: releases the GIL while it waits


threads = [threading.Thread(target=crunch, name="cruncher"), threading.Thread(target=tick, name="ticker")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
