DONE = None  # the sentinel


def worker(jobs, results):
    """Square the numbers that arrive on `jobs` and put (n, n * n) on `results`.

    A job that cannot be squared (not a number) must not stop the worker: put (n, "error: <what went wrong>") on
    `results` and go on with the next job. When DONE arrives, put DONE on `results` (so the parent knows this
    worker has finished) and return.
    """
    while True:
        n = jobs.get()
        #| starter
        # # TODO: stop at the sentinel instead of squaring it, and tell the parent
        # # TODO: a bad job must not kill the worker (the parent would wait for its DONE for ever)
        # results.put((n, n * n))
        #| solution
        if n is DONE:
            results.put(DONE)
            return
        try:
            results.put((n, n * n))
        except Exception as error:  # a bad job: report it, and stay alive for the next one
            results.put((n, f"error: {error}"))
        #| end
