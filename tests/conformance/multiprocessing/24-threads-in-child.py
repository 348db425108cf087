# Conformance: threads inside a child process work (the thread runtime runs in every process)
# expect: same
import multiprocessing as mp
import threading


def child(out):
    lock = threading.Lock()
    totals = []

    def work(k):
        s = sum(range(k * 1000))
        with lock:
            totals.append(s)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((threading.active_count(), sorted(totals)))


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=child, args=(out,))
    p.start()
    print(out.get())
    p.join()
    print("exitcode", p.exitcode)
