# Conformance: faulthandler.register(signum) dumps the stacks when the process gets that signal, from
# signal.raise_signal or os.kill(os.getpid(), ...), in the thread that took it ("Current thread"), and the program
# goes on; all_threads=False dumps that thread alone; chain=True then runs the handler it replaced, and a later
# signal.signal() takes the signal back. os.kill's signal 0 asks whether a process exists; a bad signal number or
# pid fails as on Linux. register() refuses what CPython refuses. Printed without thread ids and the standard
# library's frames.
# expect: same
import faulthandler
import os
import re
import signal
import tempfile
import threading

ME = os.path.basename(__file__)


def summary(text):
    out = []
    for line in text.splitlines():
        m = re.match(r'  File "(.*)", line (\d+) in (.*)', line)
        if m:
            path, lineno, func = m.groups()
            if os.path.basename(path) == ME:
                out.append(f"  {func}, line {lineno}")
        else:
            out.append(re.sub(r" 0x[0-9a-f]+ ", " ", line))
    return "\n".join(out)


gate = threading.Event()


def waits():
    gate.wait()


worker = threading.Thread(target=waits)
worker.start()

with tempfile.TemporaryFile("w+") as f:
    faulthandler.register(signal.SIGUSR2, file=f, all_threads=True)
    os.kill(os.getpid(), signal.SIGUSR2)
    print("goes on after os.kill")
    signal.raise_signal(signal.SIGUSR2)
    print("goes on after raise_signal")
    print("unregister:", faulthandler.unregister(signal.SIGUSR2), faulthandler.unregister(signal.SIGUSR2))
    f.seek(0)
    print(summary(f.read()))

print("--")
with tempfile.TemporaryFile("w+") as f:
    faulthandler.register(signal.SIGUSR2, file=f, all_threads=False)

    def inner():
        signal.raise_signal(signal.SIGUSR2)

    inner()
    f.seek(0)
    print(summary(f.read()))
    faulthandler.unregister(signal.SIGUSR2)

print("--")
signal.signal(signal.SIGUSR2, lambda signum, frame: print("handler", signal.Signals(signum).name, threading.current_thread().name))
with tempfile.TemporaryFile("w+") as f:
    faulthandler.register(signal.SIGUSR2, file=f, chain=False)
    signal.raise_signal(signal.SIGUSR2)
    print("chain=False: the handler did not run")
    faulthandler.unregister(signal.SIGUSR2)
    faulthandler.register(signal.SIGUSR2, file=f, chain=True)
    signal.raise_signal(signal.SIGUSR2)
    f.seek(0)
    print(len(summary(f.read()).split("Current thread")) - 1, "dumps")
with tempfile.TemporaryFile("w+") as f:
    faulthandler.register(signal.SIGUSR2, file=f)
    signal.signal(signal.SIGUSR2, lambda signum, frame: print("the new handler"))
    os.kill(os.getpid(), signal.SIGUSR2)
    f.seek(0)
    print("dumped after signal.signal:", bool(f.read()))
signal.signal(signal.SIGUSR2, signal.SIG_DFL)

print("--")
print("kill 0:", os.kill(os.getpid(), 0))
for args in ((os.getpid(), -1), (os.getpid(), 99), (2**22 + 12345, 0), (os.getpid(), 1.0)):
    try:
        os.kill(*args)
    except (OSError, TypeError) as error:
        print(type(error).__name__, error)
for bad in (signal.SIGSEGV, 0, 200):
    try:
        faulthandler.register(bad)
    except (RuntimeError, ValueError) as error:
        print(type(error).__name__, error)

gate.set()
worker.join()
