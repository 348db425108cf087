import queue
import threading


def squares(numbers, workers=3):
    """Square every number on `workers` threads; return the squares, sorted."""
    jobs = queue.Queue()
    results = []

    def work():
        while True:
            #| starter
            # n = jobs.get()
            #| solution
            try:
                n = jobs.get()
            except queue.ShutDown:
                return
            #| end
            results.append(n * n)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for n in numbers:
        jobs.put(n)
    #| solution
    jobs.shutdown()
    #| end
    for t in threads:
        t.join()
    return sorted(results)


if __name__ == "__main__":
    print(squares(range(6)))
