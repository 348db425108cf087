import concurrent.futures


def run_all(jobs):
    #| starter
    # """Run every job and return their results in the order of `jobs`.

    # Each job is a pair (kind, call): `kind` is "io" (the call mostly waits,
    # for example on the network) or "cpu" (the call computes in Python), and
    # `call` is a function of no arguments defined at module level.

    # Right now every job runs in one thread pool. Send the CPU-bound ones to a
    # pool of processes instead, and keep the waiting ones in threads.
    # """
    # with concurrent.futures.ThreadPoolExecutor(max_workers=8) as threads:
    #     futures = [threads.submit(call) for kind, call in jobs]
    #| solution
    """Run every job and return their results in the order of `jobs`:
    "io" jobs in a thread pool (they wait), "cpu" jobs in a process pool
    (they compute, and only processes compute in parallel)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as threads, concurrent.futures.ProcessPoolExecutor(max_workers=2) as processes:
        futures = [(processes if kind == "cpu" else threads).submit(call) for kind, call in jobs]
    #| end
        return [f.result() for f in futures]
