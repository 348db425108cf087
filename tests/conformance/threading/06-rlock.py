# Conformance: RLock is reentrant for its owner and exclusive for others; a plain Lock is not reentrant.
# expect: same
import threading

rlock = threading.RLock()
log = []


def fact(n):
    with rlock:
        return 1 if n <= 1 else n * fact(n - 1)


def other():
    log.append(("other got it without waiting", rlock.acquire(blocking=False)))
    log.append(("other waited", rlock.acquire(timeout=2)))
    rlock.release()


with rlock:
    with rlock:
        print("fact(10) =", fact(10))
        t = threading.Thread(target=other)
        t.start()
        t.join(0.1)
        print("other still waiting:", t.is_alive())
t.join()
print(log)
try:
    rlock.release()
except RuntimeError:
    print("release of an unowned RLock: RuntimeError")

lock = threading.Lock()
lock.acquire()
print("Lock reentrant?", lock.acquire(timeout=0.05))
lock.release()
