import concurrent.futures


def run_all(jobs):
    """Run every job and return their results in the order of `jobs`.

    Each job is a pair (kind, call): `kind` is "io" (the call mostly waits,
    for example on the network) or "cpu" (the call computes in Python), and
    `call` is a function of no arguments defined at module level.

    Right now every job runs in one thread pool. Send the CPU-bound ones to a
    pool of processes instead, and keep the waiting ones in threads.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as threads:
        futures = [threads.submit(call) for kind, call in jobs]
        return [f.result() for f in futures]
