import multiprocessing as mp
import queue

# Child processes import this check as __mp_main__ (spawn): only the parent may run it.
if __name__ == "__main__":
    from checking import expect, expect_equal, load

    learner = load()

    WORKERS = 2
    numbers = [3, 1, "four", 1, 5, 9, 2, 6]  # one bad job among them
    jobs = mp.Queue()
    results = mp.Queue()
    workers = [mp.Process(target=learner.worker, args=(jobs, results)) for _ in range(WORKERS)]
    for w in workers:
        w.start()
    for n in numbers:
        jobs.put(n)
    for _ in range(WORKERS):
        jobs.put(None)  # one sentinel per worker

    squares = []
    finished = 0
    try:
        while finished < WORKERS:
            item = results.get(timeout=10)
            if item is None:
                finished += 1
            else:
                squares.append(item)
    except queue.Empty:
        pass
    for w in workers:
        w.join(timeout=10)
    alive = [w for w in workers if w.is_alive()]
    for w in alive:
        w.terminate()
        w.join()

    expect(
        finished == WORKERS,
        f"{WORKERS} workers each got a None, but only {finished} put None on results within 10 s "
        f"(exit codes {[w.exitcode for w in workers]}: 1 means the worker raised an exception, so it never sent its "
        f"DONE and a parent counting DONEs would wait for ever)",
    )
    expect(not alive, f"{len(alive)} worker(s) were still running 10 s after their None: return at the sentinel")
    good = sorted(item for item in squares if isinstance(item[0], int))
    expect_equal(good, sorted((n, n * n) for n in numbers if isinstance(n, int)), "the (n, n * n) pairs the workers put on results")
    bad = [item for item in squares if not isinstance(item[0], int)]
    expect(
        len(bad) == 1 and bad[0][0] == "four" and isinstance(bad[0][1], str) and bad[0][1].startswith("error: "),
        f'the bad job "four" should come back once as ("four", "error: ..."); the workers sent {bad}',
    )
    expect_equal([w.exitcode for w in workers], [0] * WORKERS, "the workers' exit codes")
