# Conformance: Event between processes, a Semaphore limiting concurrency, Lock and RLock
# expect: same
import multiprocessing as mp
import time


def waiter(ev, out):
    ev.wait()
    out.put("woke")


def limited(sem, active, peak, lock):
    with sem:
        with lock:
            active.value += 1
            peak.value = max(peak.value, active.value)
        time.sleep(0.1)
        with lock:
            active.value -= 1


def reentrant(rl, out):
    with rl:
        with rl:
            out.put("rlock twice")


if __name__ == "__main__":
    ev, out = mp.Event(), mp.Queue()
    p = mp.Process(target=waiter, args=(ev, out))
    p.start()
    print("is_set:", ev.is_set(), "wait(0.1):", ev.wait(0.1))
    ev.set()
    print(out.get())
    p.join()

    sem, lock = mp.Semaphore(2), mp.Lock()
    active, peak = mp.Value("i", 0, lock=False), mp.Value("i", 0, lock=False)
    ps = [mp.Process(target=limited, args=(sem, active, peak, lock)) for _ in range(4)]
    for q in ps:
        q.start()
    for q in ps:
        q.join()
    print("peak at most 2:", 1 <= peak.value <= 2, "active:", active.value)

    rl = mp.RLock()
    p = mp.Process(target=reentrant, args=(rl, out))
    p.start()
    print(out.get())
    p.join()
    print("lock acquire non-blocking:", lock.acquire(False), lock.acquire(False))
    lock.release()
    try:
        lock.release()
    except ValueError as e:
        print("ValueError:", e)
