# Conformance: without the lock, `v.value += 1` is a read then a write: parallel processes may lose updates,
# and can never gain any
# expect: same
import multiprocessing as mp


def add(counter, n, start):
    start.wait()
    for _ in range(n):
        counter.value += 1


if __name__ == "__main__":
    counter = mp.Value("i", 0, lock=False)
    start = mp.Event()
    ps = [mp.Process(target=add, args=(counter, 5000, start)) for _ in range(2)]
    for p in ps:
        p.start()
    start.set()
    for p in ps:
        p.join()
    print("no lock object:", not hasattr(counter, "get_lock"))
    print("at most 10000:", 0 < counter.value <= 10000)
    print("exit codes:", [p.exitcode for p in ps])
