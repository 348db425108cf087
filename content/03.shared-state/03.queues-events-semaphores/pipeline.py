import queue
import threading
import time

jobs = queue.Queue(maxsize=3)  # put() waits while 3 jobs are queued
results = queue.Queue()
STOP = None  # a "sentinel": tells a worker there is nothing more to do


def producer(pages):
    for page in pages:
        jobs.put(page)  # waits if the workers are behind
    for _ in range(WORKERS):
        jobs.put(STOP)  # one sentinel per worker


def worker():
    name = threading.current_thread().name
    while True:
        page = jobs.get()  # waits while the queue is empty
        if page is STOP:
            break
        time.sleep(0.1)  # "download" it
        results.put((page, len(page), name))


WORKERS = 3
pages = [f"page-{n}" for n in range(9)]
threads = [threading.Thread(target=producer, args=(pages,))]
threads += [threading.Thread(target=worker, name=f"worker-{n}") for n in range(WORKERS)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.perf_counter() - start

got = sorted(results.get() for _ in range(results.qsize()))
print(f"{len(got)} pages by {len({name for _, _, name in got})} workers in {took:.1f} s")
print("(9 downloads of 0.1 s: 0.9 s one after another)")
