# The same counter with a lock around the read-modify-write: no schedule loses an update.
import threading

counter = 0
lock = threading.Lock()


def work():
    global counter
    for _ in range(2):
        with lock:
            tmp = counter
            counter = tmp + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
assert counter == 4, f"lost update: counter is {counter}, not 4"
