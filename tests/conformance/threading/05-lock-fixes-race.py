# Conformance: the racy read-modify-write of 03, made safe by a Lock (with-statement and acquire/release).
# expect: same
import threading
import time

counter = 0
lock = threading.Lock()


def increment(n):
    global counter
    for i in range(n):
        if i % 2:
            with lock:
                value = counter
                time.sleep(0)
                counter = value + 1
        else:
            lock.acquire()
            try:
                value = counter
                time.sleep(0)
                counter = value + 1
            finally:
                lock.release()


threads = [threading.Thread(target=increment, args=(200,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter, "locked now:", lock.locked())
