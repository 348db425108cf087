# Conformance: pool thread names, max_workers respected, shutdown(wait=True), submit after shutdown, cancel_futures.
# expect: same
import threading
import time
from concurrent.futures import ThreadPoolExecutor

names = set()
active = 0
most = 0
lock = threading.Lock()


def task(i):
    global active, most
    with lock:
        active += 1
        most = max(most, active)
        names.add(threading.current_thread().name)
    time.sleep(0.01)
    with lock:
        active -= 1
    return i


pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="worker")
print(sum(pool.map(task, range(10))))
pool.shutdown(wait=True)
print("names:", sorted(names), "at most:", most)
try:
    pool.submit(task, 1)
except RuntimeError:
    print("submit after shutdown: RuntimeError")

pool = ThreadPoolExecutor(max_workers=1)
started = threading.Event()
first = pool.submit(lambda: (started.set(), time.sleep(0.05)))
queued = [pool.submit(task, i) for i in range(3)]
started.wait()
pool.shutdown(wait=True, cancel_futures=True)
print("queued cancelled:", [f.cancelled() for f in queued], "first done:", first.done())
with ThreadPoolExecutor() as p:
    print("default prefix:", p.submit(lambda: threading.current_thread().name).result().startswith("ThreadPoolExecutor-"))
