# Conformance: worker threads with q.task_done() and q.join(); too many task_done() raise ValueError.
# expect: same
import queue
import threading

q = queue.Queue()
results = []
lock = threading.Lock()


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with lock:
            results.append(item * 10)
        q.task_done()


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for i in range(30):
    q.put(i)
q.join()
print("all processed:", sorted(results) == [i * 10 for i in range(30)], q.unfinished_tasks)
for _ in workers:
    q.put(None)
for w in workers:
    w.join()
try:
    q.task_done()
except ValueError:
    print("task_done() called too many times: ValueError")
