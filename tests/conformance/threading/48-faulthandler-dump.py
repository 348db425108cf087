# Conformance: faulthandler.dump_traceback() shows every thread's stack (the newest thread first, the caller as
# "Current thread"); all_threads=False shows the caller's alone; dump_traceback_later's watchdog dumps the threads
# of a program that waits, then lets it go on (exit=False). Printed without what differs between CPython builds:
# thread ids and the standard library's own frames.
# expect: same
import faulthandler
import os
import re
import tempfile
import threading
import time

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


def dumped(**kwargs):
    with tempfile.TemporaryFile("w+") as f:
        faulthandler.dump_traceback(file=f, **kwargs)
        f.seek(0)
        return summary(f.read())


ready = threading.Barrier(3)
gate = threading.Event()
lock = threading.Lock()


def waits_for_the_gate():
    ready.wait()
    gate.wait()


def waits_for_the_lock():
    ready.wait()
    with lock:
        pass


def inner():
    return dumped(all_threads=False)


with lock:
    first = threading.Thread(target=waits_for_the_gate)
    second = threading.Thread(target=waits_for_the_lock)
    first.start()
    second.start()
    ready.wait()
    time.sleep(0.05)  # both wait now
    print(dumped(all_threads=True))
    print("--")
    print(inner())
    print("--")
    with tempfile.TemporaryFile("w+") as f:
        faulthandler.dump_traceback_later(0.2, file=f)
        time.sleep(0.5)
        f.seek(0)
        print(summary(f.read()))
gate.set()
first.join()
second.join()
print("--")
for bad in (0, -1.5):
    try:
        faulthandler.dump_traceback_later(bad)
    except ValueError as error:
        print("ValueError:", error)
faulthandler.dump_traceback_later(0.3, repeat=True)
faulthandler.cancel_dump_traceback_later()
time.sleep(0.4)
print("cancelled: nothing dumped")
