# Conformance: Barrier with an action, the indices returned by wait(), abort -> BrokenBarrierError, timeout.
# expect: same
import threading

order = []
barrier = threading.Barrier(3, action=lambda: order.append("action"))
indices = []


def party(i):
    order.append(f"arrive {i}")
    indices.append(barrier.wait())
    order.append("leave")


threads = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("indices:", sorted(indices))
print("action ran after all arrived:", order.index("action") == 3, order.count("leave"))

broken = threading.Barrier(2)
errors = []


def lonely():
    try:
        broken.wait()
    except threading.BrokenBarrierError:
        errors.append("BrokenBarrierError")


t = threading.Thread(target=lonely)
t.start()
while broken.n_waiting < 1:
    pass
broken.abort()
t.join()
print(errors, broken.broken)
try:
    threading.Barrier(2).wait(timeout=0.05)
except threading.BrokenBarrierError:
    print("timeout breaks the barrier")
