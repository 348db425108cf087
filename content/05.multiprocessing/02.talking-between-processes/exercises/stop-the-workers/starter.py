DONE = None  # the sentinel


def worker(jobs, results):
    """Square the numbers that arrive on `jobs` and put (n, n * n) on `results`.

    When DONE arrives, put DONE on `results` (so the parent knows this worker has finished) and return.
    """
    while True:
        n = jobs.get()
        # TODO: stop at the sentinel instead of squaring it, and tell the parent
        results.put((n, n * n))
