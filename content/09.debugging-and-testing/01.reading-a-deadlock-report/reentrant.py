import threading

lock = threading.Lock()
print("first acquire:", lock.acquire())
print("again, same thread, 0.2 s timeout:", lock.acquire(timeout=0.2))
lock.release()

rlock = threading.RLock()
print("RLock, first acquire:", rlock.acquire())
print("RLock, again, same thread:", rlock.acquire(timeout=0.2))
rlock.release()
rlock.release()
