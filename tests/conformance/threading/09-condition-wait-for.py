# Conformance: Condition.wait_for with a predicate, notify(n), and a timeout that expires.
# expect: same
import threading

cond = threading.Condition()
ready = []
woken = []


def waiter(i):
    with cond:
        ok = cond.wait_for(lambda: i in ready, timeout=5)
        woken.append((i, ok))


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for i in range(3):
    with cond:
        ready.append(i)
        cond.notify_all()
for t in threads:
    t.join()
print(sorted(woken))
with cond:
    print("wait_for times out:", cond.wait_for(lambda: False, timeout=0.05))
    print("wait times out:", cond.wait(timeout=0.05))
try:
    cond.notify()
except RuntimeError:
    print("notify without the lock: RuntimeError")
