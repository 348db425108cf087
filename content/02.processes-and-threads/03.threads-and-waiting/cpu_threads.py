import threading
import time


def crunch(n=300_000):
    total = 0
    for i in range(n):
        total += i * i  # pure Python computing: holds the GIL
    return total


def one_thread():
    for _ in range(4):
        crunch()


def four_threads():
    threads = [threading.Thread(target=crunch) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def timed(job):
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


crunch()  # warm up once, so that both measurements start alike

# Five rounds, each timing both ways one after the other, so that a moment when other programs take the
# processor slows both alike. The best (shortest) time of each is what the work itself costs.
times = {one_thread: [], four_threads: []}
for _ in range(5):
    for job in times:
        times[job].append(timed(job))

for job, label in [(one_thread, "4 jobs in one thread"), (four_threads, "4 jobs in 4 threads ")]:
    print(f"{label}: best {min(times[job]):.2f} s, slowest {max(times[job]):.2f} s (5 rounds)")
print(f"speed-up, best against best: {min(times[one_thread]) / min(times[four_threads]):.1f}x")
