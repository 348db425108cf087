# Conformance: misuse errors: starting twice, joining before start, joining yourself.
# expect: same
import threading

t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError:
    print("join before start: RuntimeError")
t.start()
try:
    t.start()
except RuntimeError:
    print("start twice: RuntimeError")
t.join()
try:
    threading.current_thread().join()
except RuntimeError:
    print("join current thread: RuntimeError")


def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError:
        print("thread joining itself: RuntimeError")


s = threading.Thread(target=join_self)
s.start()
s.join()
