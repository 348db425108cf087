import queue
import threading


def worker(jobs, results):
    while True:
        item = jobs.get()
        if item is None:  # the sentinel: no more work
            break
        results.append(item * item)


jobs = queue.Queue()
results = []
workers = [threading.Thread(target=worker, args=(jobs, results), name=f"worker-{i}") for i in (1, 2)]
for w in workers:
    w.start()
for item in range(5):
    jobs.put(item)
for w in workers:
    w.join()  # wait for the workers to finish...
for w in workers:
    jobs.put(None)  # ...then tell them to stop
print(sorted(results))
