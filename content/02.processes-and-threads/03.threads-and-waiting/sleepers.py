import threading
import time


def nap():
    time.sleep(0.3)  # waiting: this thread lets the others run


threads = [threading.Thread(target=nap) for _ in range(8)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"8 naps of 0.3 s took {time.perf_counter() - start:.1f} s")
