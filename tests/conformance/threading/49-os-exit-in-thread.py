# Conformance: os._exit() in a thread ends the whole program at once, with its code: the other threads are not
# waited for, atexit handlers do not run, and nothing more is printed (not even the main thread's `finally`).
# expect: same
import atexit
import os
import threading
import time

atexit.register(print, "atexit ran")


def worker():
    time.sleep(0.1)
    print("worker ends the process", flush=True)
    os._exit(3)


def sleeper():
    time.sleep(5)
    print("the sleeper woke")


threading.Thread(target=sleeper).start()
threading.Thread(target=worker).start()
try:
    time.sleep(1)
finally:
    print("main's finally")
