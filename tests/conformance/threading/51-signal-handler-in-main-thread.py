# Conformance: a SIGINT handler set with signal.signal runs in the main thread, even when another thread raises the
# signal, and is given the frame the main thread was in (the program's, not the runtime's); signal.signal() outside
# the main thread raises ValueError; getsignal() and signal() report the handlers as set; an exception the handler
# raises comes out where the main thread was.
# expect: same
import signal
import threading

seen = []


def handler(signum, frame):
    seen.append((signum == signal.SIGINT, threading.current_thread().name, frame.f_code.co_name))


previous = signal.signal(signal.SIGINT, handler)
print("previous is the default:", previous is signal.default_int_handler)
print("getsignal:", signal.getsignal(signal.SIGINT) is handler)


go = threading.Event()


def from_a_thread():
    go.wait()
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError as exc:
        print("in a thread:", exc)
    signal.raise_signal(signal.SIGINT)


def spin_until_handled():
    while not seen:
        pass


t = threading.Thread(target=from_a_thread, name="raiser")
t.start()
go.set()
spin_until_handled()
t.join()
print("handler ran:", seen)


def stop(signum, frame):
    raise KeyboardInterrupt("from the handler")


print("previous:", signal.signal(signal.SIGINT, stop) is handler)
try:
    while True:
        signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as exc:
    print("caught:", exc)
print("restored:", signal.signal(signal.SIGINT, signal.default_int_handler) is stop)
print("default:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
