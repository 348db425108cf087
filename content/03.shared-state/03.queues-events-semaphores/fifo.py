import queue
import threading

jobs = queue.Queue()


def worker():
    while True:
        item = jobs.get()  # waits while the queue is empty
        if item is None:  # the sentinel: no more work
            break
        print("worker got", item)


t = threading.Thread(target=worker)
t.start()
for item in ["c", "a", "b"]:
    jobs.put(item)
jobs.put(None)
t.join()
print("worker stopped; items left:", jobs.qsize())
