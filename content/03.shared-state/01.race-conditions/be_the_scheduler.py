import threading

counter = 0


def add_two(name):
    global counter
    for _ in range(2):
        value = counter           # read
        print(name, "read", value)  # a call: when it returns, CPython may switch threads
        counter = value + 1       # write


first = threading.Thread(target=add_two, args=("first",))
second = threading.Thread(target=add_two, args=("second",))
first.start()
second.start()
first.join()
second.join()
print("counter =", counter, "(4 if no update was lost)")
