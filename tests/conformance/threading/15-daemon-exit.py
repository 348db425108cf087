# Conformance: a daemon thread that never ends does not keep the program alive; its later output never appears.
# expect: same
import threading
import time


def forever():
    while True:
        time.sleep(0.5)
        print("tick")  # the main thread ends before the first tick


d = threading.Thread(target=forever, daemon=True)
d.start()
print("daemon:", d.daemon, "alive:", d.is_alive())
print("inherits daemon:", threading.Thread(target=print).daemon)
print("main ends now")
