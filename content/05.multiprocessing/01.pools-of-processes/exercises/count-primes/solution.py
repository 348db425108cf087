import os
from multiprocessing import Pool


def count_in(bounds):
    """Count the primes in range(start, stop). Returns (the pid of the process that counted, the count)."""
    start, stop = bounds
    found = sum(1 for n in range(max(start, 2), stop) if all(n % d for d in range(2, int(n**0.5) + 1)))
    return os.getpid(), found


def count_primes(limit, processes):
    """Count the primes below limit with a pool of `processes` processes.

    Returns (the number of primes, the set of pids of the processes that counted them).
    """
    #| starter
    # # TODO: split range(0, limit) into chunks and let a Pool count them; the parent should count nothing itself.
    # pid, found = count_in((0, limit))
    # return found, {pid}
    #| solution
    step = -(-limit // processes)  # round up, so that processes chunks cover everything
    chunks = [(start, min(start + step, limit)) for start in range(0, limit, step)]
    with Pool(processes) as pool:
        results = pool.map(count_in, chunks)
    return sum(found for _, found in results), {pid for pid, _ in results}
    #| end
