# Conformance: a thread takes a plain Lock twice (it is not reentrant) and blocks on itself.
# expect: deadlock
# report: which it holds itself
import threading

lock = threading.Lock()


def twice():
    with lock:
        with lock:
            print("unreachable")


t = threading.Thread(target=twice)
t.start()
t.join()
