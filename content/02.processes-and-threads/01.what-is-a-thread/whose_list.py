import threading

names = []  # one list, in the memory of the process


def remember():
    names.append(threading.current_thread().name)


remember()
for label in ["A", "B"]:
    t = threading.Thread(target=remember, name=label)
    t.start()
    t.join()  # wait until it has finished before starting the next
remember()
print(names)
print("threads alive now:", threading.active_count())
