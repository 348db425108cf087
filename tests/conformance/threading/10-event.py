# Conformance: Event set/clear/wait, wait with a timeout, many waiters released at once.
# expect: same
import threading

go = threading.Event()
done = []


def runner(i):
    go.wait()
    done.append(i)


threads = [threading.Thread(target=runner, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
print("waiting, none done:", done == [], go.is_set())
go.set()
for t in threads:
    t.join()
print("all released:", sorted(done))
go.clear()
print("wait(0.05) after clear:", go.wait(0.05))
print("set -> wait:", (go.set(), go.wait(1))[1])
