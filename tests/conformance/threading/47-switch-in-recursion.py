# Conformance: a thread deep in recursion, with no loop, is still preempted: every function entry is an
# eval-breaker check. A ticker thread that wakes every 20 ms ticks while fib() runs (issue 16's table, row 5).
# expect: same
import threading
import time

ticks = []
stop = False


def ticker():
    while not stop:
        ticks.append(time.perf_counter())
        time.sleep(0.02)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


t = threading.Thread(target=ticker)
t.start()
time.sleep(0.05)
# Long enough for several 20 ms ticks here and in python3 (fib(30) takes ~0.1 s natively, ~0.3 s in the browser).
start = time.perf_counter()
fib(30)
end = time.perf_counter()
stop = True
t.join()
during = sum(1 for x in ticks if start < x < end)
print("ticks during the recursion:", "some" if during >= 2 else "none")
