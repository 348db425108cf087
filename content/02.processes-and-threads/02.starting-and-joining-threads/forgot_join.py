import threading
import time

results = []


def square(n):
    time.sleep(0.1)  # a slow computation, say
    results.append(n * n)


threads = [threading.Thread(target=square, args=(n,)) for n in (1, 2, 3)]
for t in threads:
    t.start()
print("before join:", results)

for t in threads:
    t.join()
print("after join:", sorted(results))
