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
