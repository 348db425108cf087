# Conformance: threading.Timer runs its function after the interval; cancel() prevents it.
# expect: same
import threading
import time

fired = []
start = time.monotonic()
t1 = threading.Timer(0.05, lambda: fired.append(("t1", time.monotonic() - start >= 0.05)))
t2 = threading.Timer(0.05, lambda: fired.append("t2"))
t1.start()
t2.start()
t2.cancel()
t1.join()
t2.join()
print(fired)
print("t1 finished:", t1.finished.is_set(), "t2 finished:", t2.finished.is_set())
