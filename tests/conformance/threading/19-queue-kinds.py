# Conformance: Queue (FIFO), LifoQueue, PriorityQueue order; get/put timeouts raise Empty/Full.
# expect: same
import queue
import threading

for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    q = cls()
    for item in (3, 1, 2):
        q.put(item)
    print(cls.__name__, [q.get() for _ in range(3)])

q = queue.Queue(maxsize=2)
q.put("a")
q.put("b")
print("full:", q.full(), q.qsize())
try:
    q.put("c", timeout=0.05)
except queue.Full:
    print("put timeout: Full")
try:
    q.put_nowait("c")
except queue.Full:
    print("put_nowait: Full")
print(q.get(), q.get_nowait())
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("get timeout: Empty")

# A blocked put continues as soon as another thread makes room.
q.put(1)
q.put(2)
t = threading.Thread(target=lambda: q.put(3))
t.start()
t.join(0.05)
print("put blocked while full:", t.is_alive())
print(q.get())
t.join()
print("then went in:", [q.get() for _ in range(2)])
