import threading
import time

slots = threading.Semaphore(2)  # at most 2 downloads at a time
inside = 0
most = 0
count_lock = threading.Lock()


def download(page):
    global inside, most
    with slots:  # waits while 2 threads are inside
        with count_lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.2)
        with count_lock:
            inside -= 1


threads = [threading.Thread(target=download, args=(n,)) for n in range(6)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"6 downloads of 0.2 s, 2 at a time: {time.perf_counter() - start:.1f} s")
print("most downloads at once:", most)
