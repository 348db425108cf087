import sys
import threading


def turns(interval, steps=300_000):
    """Two threads loop; count how often the running thread changes."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    log = []

    def work(name):
        for _ in range(steps):
            if not log or log[-1] != name:
                log.append(name)  # this thread has just got the GIL

    threads = [threading.Thread(target=work, args=(name,)) for name in "AB"]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)  # a global setting: put it back
    return len(log)


print("default switch interval:", sys.getswitchinterval(), "s")
for interval in (0.001, 0.005, 0.05):
    print(f"interval {interval * 1000:g} ms: {turns(interval)} turns")
