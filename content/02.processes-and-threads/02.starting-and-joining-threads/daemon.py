import threading
import time


def background():
    time.sleep(0.5)
    print("background: finished")  # never printed: the program ends first


t = threading.Thread(target=background, daemon=True)
t.start()
time.sleep(0.1)
print("main: is the daemon alive?", t.is_alive())
print("main: leaving")
