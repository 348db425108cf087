# Conformance: a shared Value updated by two processes under its lock: no update lost
# expect: same
import multiprocessing as mp


def add(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = mp.Value("i", 0)
    ps = [mp.Process(target=add, args=(counter, 2000)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("counter:", counter.value)
    print(type(counter).__name__, counter.get_obj())
