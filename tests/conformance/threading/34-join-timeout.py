# Conformance: join(timeout) returns while the thread still runs; is_alive() tells; a later join() waits.
# expect: same
import threading
import time

t = threading.Thread(target=time.sleep, args=(0.2,))
t.start()
start = time.monotonic()
t.join(timeout=0.05)
print("returned early:", time.monotonic() - start < 0.19, "alive:", t.is_alive())
t.join()
print("alive after join:", t.is_alive())
t.join(0)
print("join on a finished thread returns at once")
