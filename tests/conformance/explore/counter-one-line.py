# `counter += 1` in two threads: LOAD, BINARY_OP, STORE with no eval-breaker check between them, so CPython 3.14
# with the GIL never loses an update here; free-threaded 3.14t can switch between any two of them.
import threading

counter = 0


def work():
    global counter
    for _ in range(3):
        counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
assert counter == 6, f"lost update: counter is {counter}, not 6"
