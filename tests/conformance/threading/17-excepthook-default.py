# Conformance: an uncaught exception in a thread prints "Exception in thread ..." and a traceback; the program goes on.
# expect: same
import sys
import threading


def boom():
    raise ValueError("boom in a thread")


t = threading.Thread(target=boom)
t.start()
t.join()
print("main continues, thread alive:", t.is_alive())
t2 = threading.Thread(target=lambda: 1 / 0, name="divider")
t2.start()
t2.join()
t3 = threading.Thread(target=lambda: sys.exit(3))  # SystemExit in a thread ends only that thread, silently
t3.start()
t3.join()
print("exit code stays 0")
