# Conformance: the low-level _thread API: start_new_thread, allocate_lock, get_ident; an exception in such a thread
# is reported as "Exception ignored in thread started by".
# expect: same
import _thread
import time

done = _thread.allocate_lock()
done.acquire()
idents = []


def work(a, b):
    idents.append(_thread.get_ident())
    print("sum", a + b)
    done.release()


ident = _thread.start_new_thread(work, (2, 3))
done.acquire()
print("ident returned:", ident == idents[0], "differs from main:", ident != _thread.get_ident())


def broken():
    raise ValueError("low-level failure")


_thread.start_new_thread(broken, ())
time.sleep(0.5)  # long enough for CPython to report it even on a busy machine
print("main goes on")
