import threading

counter = 0
counter_lock = threading.Lock()


def work():
    global counter
    for _ in range(100_000):
        with counter_lock:  # one thread at a time between load and store
            counter += 1


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter:,} (4 threads x 100,000 increments = 400,000)")
