# Conformance: faulthandler.dump_traceback_later(timeout, exit=True) ends a deadlocked program with exit code 1
# after dumping its threads (into a file here: thread ids and paths differ between builds), instead of hanging.
# expect: same
import faulthandler
import tempfile
import threading
import time

dump = tempfile.TemporaryFile("w+")
faulthandler.dump_traceback_later(0.3, exit=True, file=dump)
a, b = threading.Lock(), threading.Lock()


def one():
    with a:
        time.sleep(0.05)
        with b:
            pass


def two():
    with b:
        time.sleep(0.05)
        with a:
            pass


threads = [threading.Thread(target=one), threading.Thread(target=two)]
for t in threads:
    t.start()
print("deadlocked until the watchdog fires", flush=True)
for t in threads:
    t.join()
print("never printed")
