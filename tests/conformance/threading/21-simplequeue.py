# Conformance: queue.SimpleQueue between threads: blocking get, get with timeout, FIFO order.
# expect: same
import queue
import threading
import time

sq = queue.SimpleQueue()
got = []


def consumer():
    while (item := sq.get()) != "stop":
        got.append(item)


c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    sq.put(i)
    time.sleep(0.001)
sq.put("stop")
c.join()
print(got, sq.empty())
try:
    sq.get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout")
