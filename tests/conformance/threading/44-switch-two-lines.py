# Conformance: a read and a write of a shared counter on two lines with nothing between them. CPython 3.14 with the
# GIL checks its eval breaker only at function entries, loop back-edges and after built-in calls return, so no
# thread switch falls between the two lines and no update is lost (issue 16's table, row 2).
# expect: same
import threading

N = 200_000
counter = 0


def work():
    global counter
    for _ in range(N):
        v = counter
        counter = v + 1


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("lost updates:", "none" if counter == 4 * N else "some")
