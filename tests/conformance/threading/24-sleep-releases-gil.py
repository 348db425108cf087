# Conformance: time.sleep releases the GIL: eight threads sleeping 0.3 s each take about 0.3 s, not 2.4 s.
# expect: same
import threading
import time

start = time.perf_counter()
threads = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print("slept in parallel:", 0.3 <= elapsed < 1.2)
