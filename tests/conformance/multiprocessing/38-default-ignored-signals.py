# Conformance: a signal whose default action is to do nothing (SIGCHLD, SIGURG, SIGWINCH, SIGCONT to a running
# process) leaves a child that set no handler running; SIGTERM then ends it as usual.
# expect: same
import multiprocessing as mp
import os
import signal
import time


def steady(ready, done):
    ready.set()
    while not done.is_set():
        time.sleep(0.01)
    print("child: still here", flush=True)


if __name__ == "__main__":
    ready, done = mp.Event(), mp.Event()
    p = mp.Process(target=steady, args=(ready, done))
    p.start()
    ready.wait()
    for sig in (signal.SIGCHLD, signal.SIGURG, signal.SIGWINCH, signal.SIGCONT):
        os.kill(p.pid, sig)
    time.sleep(0.3)
    print("alive after SIGCHLD, SIGURG, SIGWINCH, SIGCONT:", p.is_alive())
    done.set()
    p.join()
    print("exit code:", p.exitcode)

    ready, done = mp.Event(), mp.Event()
    p = mp.Process(target=steady, args=(ready, done))
    p.start()
    ready.wait()
    os.kill(p.pid, signal.SIGTERM)
    p.join()
    print("after SIGTERM:", p.exitcode)
