# The read goes through a function call before the write: entering ident() is an eval-breaker check, so even
# CPython 3.14 with the GIL can switch threads between the read of `counter` and the write, and lose an update.
import threading

counter = 0


def ident(x):
    return x


def work():
    global counter
    for _ in range(3):
        tmp = ident(counter)
        counter = tmp + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
assert counter == 6, f"lost update: counter is {counter}, not 6"
