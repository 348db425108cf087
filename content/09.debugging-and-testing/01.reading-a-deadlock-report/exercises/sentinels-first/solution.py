import queue
import threading


def worker(jobs, results):
    while True:
        item = jobs.get()
        if item is None:  # the sentinel: no more work
            break
        results.append(item * item)


def squares(items, n_workers=2):
    """Square every item on n_workers threads; return the squares in increasing order."""
    jobs = queue.Queue()
    results = []
    workers = [threading.Thread(target=worker, args=(jobs, results), name=f"worker-{i + 1}") for i in range(n_workers)]
    for w in workers:
        w.start()
    for item in items:
        jobs.put(item)
    #| solution
    for w in workers:
        jobs.put(None)  # one sentinel per worker, before waiting for them
    #| end
    for w in workers:
        w.join()
    #| starter
    # for w in workers:
    #     jobs.put(None)
    #| end
    return sorted(results)


if __name__ == "__main__":
    print(squares(range(5)))
