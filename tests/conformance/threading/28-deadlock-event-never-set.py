# Conformance: a thread waits for an Event nobody will set, and the main thread joins it.
# expect: deadlock
# report: ready.set(), worker
import threading

ready = threading.Event()


def worker():
    ready.wait()
    print("unreachable")


t = threading.Thread(target=worker, name="worker")
t.start()
print("joining")
t.join()
