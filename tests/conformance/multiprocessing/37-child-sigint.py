# Conformance: SIGINT sent to a child (os.kill; Process.interrupt() in 3.14) raises KeyboardInterrupt in it, as
# Ctrl+C would, where it waits; uncaught, it ends the child with a traceback and exit code 1.
# expect: same
import multiprocessing as mp
import os
import signal
import time


def catches(ready):
    try:
        ready.set()
        time.sleep(30)
    except KeyboardInterrupt:
        print("child: KeyboardInterrupt, leaving with 7", flush=True)
        raise SystemExit(7)


def lets_it_go(ready):
    ready.set()
    time.sleep(30)


if __name__ == "__main__":
    for target in (catches, lets_it_go):
        ready = mp.Event()
        p = mp.Process(target=target, args=(ready,))
        p.start()
        ready.wait()
        os.kill(p.pid, signal.SIGINT)
        p.join()
        print(target.__name__, "exit code:", p.exitcode)
