import threading
import time


def crunch(n=150_000):
    total = 0
    for i in range(n):
        total += i * i  # pure Python computing: holds the GIL
    return total


crunch()  # warm up once, so that both measurements start alike

start = time.perf_counter()
for _ in range(4):
    crunch()
one_thread = time.perf_counter() - start

threads = [threading.Thread(target=crunch) for _ in range(4)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
four_threads = time.perf_counter() - start

print(f"4 jobs in one thread: {one_thread:.2f} s")
print(f"4 jobs in 4 threads:  {four_threads:.2f} s")
print(f"speed-up: {one_thread / four_threads:.1f}x")
