# Conformance: a built-in call between the read and the write. CPython checks its eval breaker right after int()
# returns (CALL_BUILTIN_CLASS), so a switch can fall before the write and updates are lost (issue 16's table, row 4).
# expect: same
import threading

N = 200_000
counter = 0


def work():
    global counter
    for _ in range(N):
        v = int(counter)
        counter = v + 1


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("lost updates:", "none" if counter == 4 * N else "some")
