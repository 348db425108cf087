# Conformance: `counter += 1` in a loop is never split by a thread switch in CPython 3.10+ (switches happen only at
# eval-breaker points: loop back-edges, calls), so even without a lock no update is lost here.
# expect: same
import threading

counter = 0


def work(n):
    global counter
    for _ in range(n):
        counter += 1


threads = [threading.Thread(target=work, args=(200_000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
