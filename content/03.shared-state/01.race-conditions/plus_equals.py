import threading

counter = 0


def add_two():
    global counter
    for _ in range(2):
        counter += 1  # load counter, add 1, store counter: three bytecodes


first = threading.Thread(target=add_two)
second = threading.Thread(target=add_two)
first.start()
second.start()
first.join()
second.join()
print("counter =", counter, "(4 if no update was lost)")
