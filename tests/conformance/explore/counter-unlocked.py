# Two threads increment a shared counter without a lock: a read and a write on separate lines.
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
