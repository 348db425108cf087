# Conformance: a consumer waits on an empty queue that no producer will fill (the sentinel was forgotten).
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


# One consumer: with two, CPython's own output order varies from run to run.
workers = [threading.Thread(target=consume)]
for w in workers:
    w.start()
for w in workers:
    w.join()
