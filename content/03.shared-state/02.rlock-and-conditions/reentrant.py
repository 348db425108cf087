import threading

lock = threading.Lock()
rlock = threading.RLock()

with lock:
    # The same thread asks again. A plain Lock does not know who holds it, so it would wait
    # for ever; with a timeout we see it give up instead.
    again = lock.acquire(timeout=0.2)
    print("Lock, taken again by its owner:", again)

with rlock:
    again = rlock.acquire(timeout=0.2)
    print("RLock, taken again by its owner:", again)
    rlock.release()  # an RLock must be released as many times as it was acquired
print("RLock free again:", rlock.acquire(blocking=False))
