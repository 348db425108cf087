# Conformance: a bounded buffer with Condition.wait/notify: producers block when full, consumers when empty.
# expect: same
import threading
from collections import deque

buffer = deque()
capacity = 3
cond = threading.Condition()
consumed = []
max_seen = 0


def producer(start):
    global max_seen
    for i in range(start, start + 20):
        with cond:
            while len(buffer) >= capacity:
                cond.wait()
            buffer.append(i)
            max_seen = max(max_seen, len(buffer))
            cond.notify_all()


def consumer(n):
    for _ in range(n):
        with cond:
            while not buffer:
                cond.wait()
            consumed.append(buffer.popleft())
            cond.notify_all()


threads = [threading.Thread(target=producer, args=(s,)) for s in (0, 100)]
threads += [threading.Thread(target=consumer, args=(10,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("consumed all once:", sorted(consumed) == list(range(20)) + list(range(100, 120)))
print("never over capacity:", max_seen <= capacity)
