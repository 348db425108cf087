# Conformance: os.kill(pid, ...) on a child process: signal 0 finds it while it runs, SIGTERM ends it (exit code
# -15, as terminate() does), an ended child takes signals until join() reaps it, and then there is no such process.
# expect: same
import multiprocessing as mp
import os
import signal
import time


def forever(ready):
    ready.set()
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    ready = mp.Event()
    p = mp.Process(target=forever, args=(ready,))
    p.start()
    ready.wait()
    print("signal 0 while it runs:", os.kill(p.pid, 0))
    os.kill(p.pid, signal.SIGTERM)
    time.sleep(0.5)
    print("signal 0 before join:", os.kill(p.pid, 0))
    p.join()
    print("exit code:", p.exitcode)
    try:
        os.kill(p.pid, signal.SIGTERM)
    except ProcessLookupError as error:
        print("after join:", type(error).__name__, error)
