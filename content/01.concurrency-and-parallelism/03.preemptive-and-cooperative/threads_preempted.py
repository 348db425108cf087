import threading
import time

late = []


def heartbeat():
    """Wants to run every 0.1 s."""
    for _ in range(5):
        due = time.perf_counter() + 0.1
        time.sleep(0.1)
        late.append(time.perf_counter() - due)


def crunch():
    """Busy for a while, and never offers to give the processor up."""
    total = 0
    for n in range(3_000_000):
        total += n * n
    return total


beat = threading.Thread(target=heartbeat)
beat.start()
start = time.perf_counter()
crunch()
print(f"crunching took {time.perf_counter() - start:.2f} s")
beat.join()
print(f"the heartbeat was at most {max(late) * 1000:.0f} ms late")
