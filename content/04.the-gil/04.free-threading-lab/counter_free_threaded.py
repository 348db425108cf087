import threading

counter = 0


def work():
    global counter
    for _ in range(100_000):
        counter += 1  # load counter, add 1, store counter: three bytecodes


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter:,} (4 threads x 100,000 increments = 400,000)")
