# Conformance: the program waits for non-daemon threads at exit even without join(); their output comes last.
# expect: same
import threading
import time


def slow():
    time.sleep(0.1)
    print("worker finished after main")


threading.Thread(target=slow).start()
print("main's last line")
