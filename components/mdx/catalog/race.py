import threading

counter = 0


def add():
    global counter
    value = counter
    print("read", value)
    counter = value + 1


threads = [threading.Thread(target=add) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
