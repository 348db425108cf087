# Conformance: Lock.acquire(blocking=False / timeout=...) while another thread holds it, and the errors.
# expect: same
import threading
import time

lock = threading.Lock()
holding = threading.Event()
release = threading.Event()


def holder():
    with lock:
        holding.set()
        release.wait()


t = threading.Thread(target=holder)
t.start()
holding.wait()
print("non-blocking:", lock.acquire(blocking=False))
start = time.monotonic()
got = lock.acquire(timeout=0.1)
waited = time.monotonic() - start
print("timeout 0.1:", got, "waited about 0.1 s:", 0.09 <= waited < 1.0)
release.set()
print("after release:", lock.acquire(timeout=2))
lock.release()
t.join()
for args in [dict(blocking=False, timeout=1), dict(timeout=-5)]:
    try:
        lock.acquire(**args)
    except ValueError:
        print("ValueError for", args)
try:
    lock.release()
except RuntimeError:
    print("releasing an unlocked lock: RuntimeError")
print(repr(lock).split()[0])
