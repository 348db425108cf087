import os

# Child processes import this check as __mp_main__ (spawn): only the parent may run it.
if __name__ == "__main__":
    from checking import expect, expect_equal, load

    learner = load()
    parent = os.getpid()

    for limit, processes, primes in [(10, 2, 4), (1000, 3, 168), (20_000, 2, 2262), (7, 4, 3)]:
        result = learner.count_primes(limit, processes)
        expect(
            isinstance(result, tuple) and len(result) == 2,
            f"count_primes({limit}, {processes}) should return a pair (count, pids), got {result!r}",
        )
        found, pids = result
        expect_equal(found, primes, f"count_primes({limit}, {processes}), the number of primes below {limit}")
        pids = set(pids)
        expect(pids, f"count_primes({limit}, {processes}) returned no pids: which processes counted?")
        expect(
            parent not in pids,
            f"count_primes({limit}, {processes}): the parent (pid {parent}) counted primes itself; hand every chunk to the pool",
        )
        expect(
            len(pids) <= processes,
            f"count_primes({limit}, {processes}) used {len(pids)} processes ({sorted(pids)}), more than the {processes} asked for",
        )
