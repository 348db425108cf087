# Conformance: time.process_time() counts processor time: sleeping, in the main thread or in threads, adds none.
# expect: same
import threading
import time


def spent(job):
    start = time.process_time()
    job()
    return time.process_time() - start


def crunch():
    total = 0
    for n in range(1_000_000):
        total += n * n


def sleepers():
    ts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


print("sleep(0.3) costs processor time:", spent(lambda: time.sleep(0.3)) > 0.1)
print("three sleeping threads cost processor time:", spent(sleepers) > 0.1)
print("crunching costs processor time:", spent(crunch) > 0.02)
print("process_time_ns agrees:", abs(time.process_time_ns() / 1e9 - time.process_time()) < 0.05)
