# Conformance: signal.alarm, signal.setitimer/getitimer (ITIMER_REAL) and signal.pause. SIGALRM's handler runs in
# the main thread with its frame: it interrupts a busy loop (an exception it raises is caught by the loop's own
# `try`), a sleep goes on after it returns (PEP 475), pause() returns after it; an interval timer fires again;
# SIG_IGN ignores it; a negative time is refused with ItimerError, an OSError.
# expect: same
import signal
import threading
import time

seen = []


def note(signum, frame):
    seen.append((signal.Signals(signum).name, threading.current_thread().name, frame.f_code.co_name))


signal.signal(signal.SIGALRM, note)
print("alarm(5) returns", signal.alarm(5))
print("alarm(0) returns what was left:", signal.alarm(0))
print("nothing set:", signal.getitimer(signal.ITIMER_REAL))


class Timeout(Exception):
    pass


def timeout(signum, frame):
    raise Timeout


def busy():
    n = 0
    while True:
        n += 1


signal.signal(signal.SIGALRM, timeout)
signal.setitimer(signal.ITIMER_REAL, 0.2)
try:
    busy()
except Timeout:
    print("a busy loop was interrupted by the handler's exception")

signal.signal(signal.SIGALRM, note)
print("setitimer returns the old timer:", signal.setitimer(signal.ITIMER_REAL, 0.15, 0.15))
left, interval = signal.getitimer(signal.ITIMER_REAL)
print("getitimer:", 0 < left <= 0.15, interval)
started = time.monotonic()
time.sleep(0.5)
slept = time.monotonic() - started
signal.setitimer(signal.ITIMER_REAL, 0)
print("the sleep went on after each handler:", slept >= 0.5)
print("the interval timer fired", len(seen), "times in the main thread:", set(seen))

seen.clear()


def spin(stop):
    while not stop.is_set():
        pass


stop = threading.Event()
spinner = threading.Thread(target=spin, args=(stop,), name="spinner")
spinner.start()
signal.setitimer(signal.ITIMER_REAL, 0.2)
print("pause() returns", signal.pause(), "after", seen)
stop.set()
spinner.join()

signal.signal(signal.SIGALRM, signal.SIG_IGN)
signal.setitimer(signal.ITIMER_REAL, 0.1)
time.sleep(0.3)
print("an ignored SIGALRM does nothing")

try:
    signal.setitimer(signal.ITIMER_REAL, -1)
except signal.ItimerError as exc:
    print("negative time:", isinstance(exc, OSError), exc)
