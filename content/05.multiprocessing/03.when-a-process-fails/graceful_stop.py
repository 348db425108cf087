import multiprocessing as mp
import signal
import time


def worker(name, ready, catch_sigterm):
    stopping = False

    def on_sigterm(signum, frame):
        nonlocal stopping
        print(f"{name}: SIGTERM received, finishing the current job", flush=True)
        stopping = True

    if catch_sigterm:
        signal.signal(signal.SIGTERM, on_sigterm)
    ready.set()
    while not stopping:
        time.sleep(0.1)  # one job
    print(f"{name}: work saved, exiting cleanly", flush=True)


if __name__ == "__main__":
    for name, catch_sigterm in (("plain", False), ("careful", True)):
        ready = mp.Event()
        p = mp.Process(target=worker, args=(name, ready, catch_sigterm))
        p.start()
        ready.wait()
        time.sleep(0.3)
        p.terminate()  # sends SIGTERM
        p.join()
        print(f"{name}: exit code {p.exitcode}")
