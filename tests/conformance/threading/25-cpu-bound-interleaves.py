# Conformance: two CPU-bound threads are both preempted (every switch interval) and take turns; neither finishes
# its whole loop before the other starts, yet together they take about as long as one after the other (the GIL).
# expect: same
import threading

progress = {"a": 0, "b": 0}
snapshots = []


def spin(name, other):
    for i in range(1, 3_000_001):
        if i % 200_000 == 0:
            progress[name] = i
            snapshots.append((name, progress[other]))


a = threading.Thread(target=spin, args=("a", "b"))
b = threading.Thread(target=spin, args=("b", "a"))
a.start()
b.start()
a.join()
b.join()
# Did each thread see the other one make progress while it was still running?
saw = {name: any(0 < seen < 3_000_000 for n, seen in snapshots if n == name) for name in "ab"}
print("interleaved:", saw["a"] or saw["b"], "finished:", progress)
