import queue
import threading

jobs = queue.Queue()
done = []


def worker():
    while True:
        try:
            n = jobs.get()
        except queue.ShutDown:  # shut down and empty: no job will ever come
            return
        done.append(n * n)


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for n in range(10):
    jobs.put(n)
jobs.shutdown()  # no more puts; gets go on until the queue is empty
for w in workers:
    w.join()
print(sorted(done))
try:
    jobs.put(10)
except queue.ShutDown:
    print("put after shutdown raises queue.ShutDown")
