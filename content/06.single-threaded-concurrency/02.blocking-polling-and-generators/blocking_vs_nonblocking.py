import queue
import time

inbox = queue.Queue()  # empty: nothing has arrived yet

# A non-blocking call answers at once: either the data, or "nothing yet".
start = time.perf_counter()
try:
    inbox.get_nowait()
except queue.Empty:
    print(f"get_nowait(): nothing yet, answered in {time.perf_counter() - start:.2f} s")

# A blocking call waits until there is data (here at most 0.3 s, then it gives up).
start = time.perf_counter()
try:
    inbox.get(timeout=0.3)
except queue.Empty:
    print(f"get(timeout=0.3): nothing yet, answered in {time.perf_counter() - start:.1f} s")

inbox.put("hello")
print(f"get() with data waiting: {inbox.get()!r}")
