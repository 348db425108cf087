import multiprocessing as mp

ROUNDS = 20_000


def add(counter, results, slot, start_line, use_lock):
    start_line.wait()  # both processes begin together
    for _ in range(ROUNDS):
        if use_lock:
            with counter.get_lock():
                counter.value += 1
        else:
            counter.value += 1  # read, add, write: another process can write in between
    results[slot] = ROUNDS  # each process reports in its own slot of the shared array


def run(use_lock):
    counter = mp.Value("i", 0)  # one C int in shared memory, with a lock beside it
    results = mp.Array("i", 2)  # two C ints in shared memory, all zero
    start_line = mp.Barrier(2)
    workers = [mp.Process(target=add, args=(counter, results, k, start_line, use_lock)) for k in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value, sum(results[:])


if __name__ == "__main__":
    for use_lock in (False, True):
        total, expected = run(use_lock)
        label = "with get_lock()" if use_lock else "without a lock"
        print(f"{label}: counter = {total} of {expected}")
