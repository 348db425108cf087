# Conformance: Semaphore(2) lets at most two threads in at once; BoundedSemaphore refuses extra releases.
# expect: same
import threading
import time

slots = threading.Semaphore(2)
inside = 0
most = 0
guard = threading.Lock()


def visit():
    global inside, most
    with slots:
        with guard:
            inside += 1
            most = max(most, inside)
        time.sleep(0.02)
        with guard:
            inside -= 1


threads = [threading.Thread(target=visit) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("at most two inside:", most)
print("acquire(blocking=False) on a free semaphore:", slots.acquire(blocking=False))
slots.release()
bounded = threading.BoundedSemaphore(1)
try:
    bounded.release()
except ValueError:
    print("BoundedSemaphore released too many times: ValueError")
print("timeout:", threading.Semaphore(0).acquire(timeout=0.05))
