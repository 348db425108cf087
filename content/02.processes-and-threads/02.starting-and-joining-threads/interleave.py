import threading
import time


def worker(name, pause):
    for step in range(3):
        print(f"{name} step {step}")
        time.sleep(pause)


a = threading.Thread(target=worker, args=("A", 0.1))
b = threading.Thread(target=worker, args=("B", 0.15))
a.start()
b.start()
a.join()
b.join()
print("both done")
