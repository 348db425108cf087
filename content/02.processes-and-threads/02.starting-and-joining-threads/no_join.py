import threading
import time


def worker():
    time.sleep(0.3)
    print("worker: done")


threading.Thread(target=worker).start()
print("main: reached the last line")
