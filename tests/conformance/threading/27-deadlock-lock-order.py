# Conformance: two threads take two locks in opposite orders and deadlock. CPython hangs for ever; Interleave
# stops the program and reports who waits for what and who holds it.
# expect: deadlock
# report: lock_a, lock_b, Thread-1 (transfer_ab), Thread-2 (transfer_ba), Cycle
import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()


def transfer_ab():
    with lock_a:
        time.sleep(0.05)
        with lock_b:
            print("a -> b")


def transfer_ba():
    with lock_b:
        time.sleep(0.05)
        with lock_a:
            print("b -> a")


t1 = threading.Thread(target=transfer_ab)
t2 = threading.Thread(target=transfer_ba)
t1.start()
t2.start()
t1.join()
t2.join()
print("unreachable")
