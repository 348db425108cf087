# Conformance: a Python function call between the read and the write. Entering ident() (its RESUME) is an eval-
# breaker check, so CPython switches threads there now and then and updates are lost (issue 16's table, row 3).
# expect: same
import threading

N = 500_000
counter = 0


def ident(x):
    return x


def work():
    global counter
    for _ in range(N):
        v = ident(counter)
        counter = v + 1


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("lost updates:", "none" if counter == 4 * N else "some")
