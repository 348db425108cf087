# Conformance: consumers wait on an empty queue that no producer will fill (the sentinel was forgotten).
# expect: deadlock
# report: an item in jobs
import queue
import threading

jobs = queue.Queue()
for i in range(3):
    jobs.put(i)


def consume():
    while True:
        item = jobs.get()
        print("processed", item)
        jobs.task_done()


workers = [threading.Thread(target=consume) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
