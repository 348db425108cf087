# Conformance: a SIGUSR1 handler the program sets is called for signal.raise_signal(SIGUSR1), from the main thread or
# another, and runs in the main thread; getsignal reports it; SIG_IGN ignores the signal. (In realistic mode the
# runtime's preemption tick is a SIGUSR1 of its own: the program's handler must see only the program's.)
# expect: same
import signal
import threading

calls = []


def handler(signum, frame):
    calls.append((signal.Signals(signum).name, threading.current_thread().name))


print("default:", signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL)
signal.signal(signal.SIGUSR1, handler)
print("getsignal:", signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print("after raise_signal in main:", calls)
t = threading.Thread(target=signal.raise_signal, args=(signal.SIGUSR1,))
t.start()
t.join()
total = 0
for i in range(100_000):
    total += i
print("after raise_signal in a thread:", calls)
print("previous:", signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print("ignored:", len(calls), signal.getsignal(signal.SIGUSR1) is signal.SIG_IGN)
