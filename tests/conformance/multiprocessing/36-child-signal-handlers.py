# Conformance: a child's own signal handlers run when another process signals it, whatever the child is doing:
# asleep (terminate() and a SIGTERM handler that exits cleanly, the graceful-shutdown pattern; also in one long
# sleep, where no Python runs until the signal), computing in a loop
# (os.kill with SIGUSR1, then SIGTERM: each handler runs in turn), or blocked in Queue.get() (the handler runs and
# the get goes on waiting, PEP 475; a handler that exits ends a get that would wait for ever). A child that ignores
# SIGTERM outlives terminate(); kill() still ends it.
# expect: same
import multiprocessing as mp
import os
import signal
import sys
import time


def graceful(ready):
    def on_term(signum, frame):
        print("sleeper: SIGTERM, cleaning up", flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    ready.set()
    while True:
        time.sleep(0.05)


def deep_sleeper(ready):
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(5))
    ready.set()
    time.sleep(30)  # one long wait: nothing runs in this process until the signal


def busy(ready):
    got = []
    signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signal.Signals(signum).name))
    signal.signal(signal.SIGTERM, lambda signum, frame: got.append(signal.Signals(signum).name))
    ready.set()
    n = 0
    while len(got) < 2:
        n += 1
    print("busy: handled", got, flush=True)
    sys.exit(3)


def waiting(ready, q):
    def on_term(signum, frame):
        print("waiter: SIGTERM while blocked in get(); waiting on", flush=True)

    signal.signal(signal.SIGTERM, on_term)
    ready.set()
    print("waiter: got", q.get(), flush=True)


def waiting_for_ever(ready, q):
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(4))
    ready.set()
    q.get()  # nothing ever comes: only the handler ends this process


def stubborn(ready):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ready.set()
    time.sleep(30)


def start(target, *args):
    ready = mp.Event()
    p = mp.Process(target=target, args=(ready, *args))
    p.start()
    ready.wait()
    return p


if __name__ == "__main__":
    p = start(graceful)
    p.terminate()
    p.join()
    print("graceful exit code:", p.exitcode)

    p = start(deep_sleeper)
    p.terminate()
    p.join()
    print("deep sleeper exit code:", p.exitcode)

    p = start(busy)
    os.kill(p.pid, signal.SIGUSR1)
    time.sleep(0.2)
    p.terminate()
    p.join()
    print("busy exit code:", p.exitcode)

    q = mp.Queue()
    p = start(waiting, q)
    time.sleep(0.2)
    p.terminate()
    time.sleep(0.2)
    q.put("the item")
    p.join()
    print("waiter exit code:", p.exitcode)

    p = start(waiting_for_ever, mp.Queue())
    p.terminate()
    p.join()
    print("waiting for ever, exit code:", p.exitcode)

    p = start(stubborn)
    p.terminate()
    p.join(0.5)
    print("stubborn alive after terminate():", p.is_alive())
    p.kill()
    p.join()
    print("stubborn exit code:", p.exitcode)
