# Conformance: the main program ends, but a non-daemon thread waits on a Condition nobody notifies: CPython hangs
# at exit waiting for it; Interleave reports it.
# expect: deadlock
# report: cond.notify(), waiter
import threading

cond = threading.Condition()


def waiter():
    with cond:
        cond.wait()


threading.Thread(target=waiter, name="waiter").start()
print("main is done")
