import sys
import threading
import time

stop = threading.Event()


def crunch():
    n = 0
    while not stop.is_set():  # a CPU-bound thread: it never waits
        n += 1


def ticker(ticks=20, period=0.01):
    """Wake up every 10 ms; return the average delay past each planned wake-up."""
    late = 0.0
    for _ in range(ticks):
        planned = time.perf_counter() + period
        time.sleep(period)
        late += time.perf_counter() - planned
    return late / ticks


print(f"alone:             late by {ticker() * 1000:.1f} ms on average")

cruncher = threading.Thread(target=crunch)
cruncher.start()
print(f"beside a cruncher: late by {ticker() * 1000:.1f} ms on average")
sys.setswitchinterval(0.001)  # ask the cruncher to hand over five times as often
print(f"same, 1 ms switch: late by {ticker() * 1000:.1f} ms on average")
stop.set()
cruncher.join()
