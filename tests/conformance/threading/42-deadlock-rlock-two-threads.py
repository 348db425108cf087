# Conformance: RLocks are reentrant, but two threads taking two of them in opposite orders still deadlock.
# expect: deadlock
# report: left, right
import threading
import time

left = threading.RLock()
right = threading.RLock()
started = threading.Barrier(2)


def a():
    with left:
        started.wait()
        with left, right:
            pass


def b():
    with right:
        started.wait()
        with right, left:
            pass


ts = [threading.Thread(target=a), threading.Thread(target=b)]
for t in ts:
    t.start()
for t in ts:
    t.join()
