# Conformance: notify() wakes one waiter at a time; notify(2) two; the rest keep waiting until notify_all().
# expect: same
import threading
import time

cond = threading.Condition()
woke = []


def waiter(i):
    with cond:
        cond.wait()
        woke.append(i)


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
while True:
    with cond:
        if len(cond._waiters) == 4:
            break
    time.sleep(0.001)
with cond:
    cond.notify()
time.sleep(0.05)
print("after notify():", len(woke))
with cond:
    cond.notify(2)
time.sleep(0.05)
print("after notify(2):", len(woke))
with cond:
    cond.notify_all()
for t in threads:
    t.join()
print("after notify_all():", len(woke))
