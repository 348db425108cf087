import os

# Child processes import this check as __mp_main__ (spawn): only the parent may run it.
if __name__ == "__main__":
    from checking import expect, expect_equal, load

    learner = load()

    expect_equal(learner.split_work(10, 2), [(0, 5), (5, 10)], "split_work(10, 2), ten items for two processes")
    expect_equal(learner.split_work(10, 3), [(0, 4), (4, 7), (7, 10)], "split_work(10, 3): the one extra item goes to the first chunk")
    expect_equal(learner.split_work(2, 4), [(0, 1), (1, 2), (2, 2), (2, 2)], "split_work(2, 4): more processes than items, so some get an empty range")
    for n_items, n_workers in [(0, 3), (7, 1), (1000, 7), (17, 16)]:
        chunks = learner.split_work(n_items, n_workers)
        expect(len(chunks) == n_workers, f"split_work({n_items}, {n_workers}) should give {n_workers} ranges, got {len(chunks)}")
        covered = [i for start, stop in chunks for i in range(start, stop)]
        expect(covered == list(range(n_items)), f"split_work({n_items}, {n_workers}) should cover every item exactly once, in order: got {chunks}")
        sizes = [stop - start for start, stop in chunks]
        expect(max(sizes) - min(sizes) <= 1, f"split_work({n_items}, {n_workers}): chunk sizes should differ by at most one, got {sizes}")

    parent = os.getpid()
    for n, n_workers in [(1000, 3), (10, 2)]:
        result = learner.sum_of_squares(n, n_workers)
        expect(isinstance(result, tuple) and len(result) == 2, f"sum_of_squares({n}, {n_workers}) should return a pair (total, pids), got {result!r}")
        total, pids = result
        expect_equal(total, sum(i * i for i in range(n)), f"sum_of_squares({n}, {n_workers}), the sum of i * i for i below {n}")
        pids = set(pids)
        expect(parent not in pids, f"sum_of_squares({n}, {n_workers}): the parent (pid {parent}) computed a chunk itself; let child processes do it")
        expect(
            len(pids) == n_workers,
            f"sum_of_squares({n}, {n_workers}) should use {n_workers} child processes, one per chunk; the sums came from {sorted(pids)}",
        )
