# Two threads increment a shared counter without a lock: a read and a write on separate lines, nothing between.
# Under CPython 3.14 with the GIL no switch can fall between them (no eval-breaker check there), so no update is
# ever lost; under free-threaded 3.14t the threads really interleave and updates are lost.
import threading

counter = 0


def work():
    global counter
    for _ in range(3):
        tmp = counter
        counter = tmp + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
assert counter == 6, f"lost update: counter is {counter}, not 6"
