import concurrent.futures


def run_all(jobs):
    """Run every job and return their results in the order of `jobs`:
    "io" jobs in a thread pool (they wait), "cpu" jobs in a process pool
    (they compute, and only processes compute in parallel)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as threads, concurrent.futures.ProcessPoolExecutor(max_workers=2) as processes:
        futures = [(processes if kind == "cpu" else threads).submit(call) for kind, call in jobs]
        return [f.result() for f in futures]
