# Conformance: a three-stage pipeline of queues with several workers per stage and sentinels; every item once.
# expect: same
import queue
import threading

raw, cooked, done = queue.Queue(), queue.Queue(maxsize=4), []
lock = threading.Lock()
STOP = object()


def stage1():
    while (item := raw.get()) is not STOP:
        cooked.put(item * 2)
    raw.put(STOP)  # pass the sentinel on to the other stage-1 workers


def stage2():
    while (item := cooked.get()) is not STOP:
        with lock:
            done.append(item + 1)


s1 = [threading.Thread(target=stage1) for _ in range(3)]
s2 = [threading.Thread(target=stage2) for _ in range(2)]
for t in s1 + s2:
    t.start()
for i in range(50):
    raw.put(i)
raw.put(STOP)
for t in s1:
    t.join()
for _ in s2:
    cooked.put(STOP)
for t in s2:
    t.join()
print(len(done), sorted(done) == [i * 2 + 1 for i in range(50)])
