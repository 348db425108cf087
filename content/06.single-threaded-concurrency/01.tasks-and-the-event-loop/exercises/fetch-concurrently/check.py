import asyncio
import time

from checking import expect, expect_equal, load

learner = load()

requests = [("a", 0.2), ("b", 0.1), ("c", 0.15)]
start = time.perf_counter()
got = asyncio.run(learner.fetch_all(requests))
took = time.perf_counter() - start
expect_equal(
    list(got) if isinstance(got, (list, tuple)) else got,
    ["a (0.2 s)", "b (0.1 s)", "c (0.15 s)"],
    "fetch_all([('a', 0.2), ('b', 0.1), ('c', 0.15)]) should return the results in the order of the requests",
)
expect(
    took < 0.38,
    f"fetch_all took {took:.2f} s for waits of 0.2 + 0.1 + 0.15 s: the waits should overlap (about 0.2 s), "
    "not add up (0.45 s). Start them all before awaiting any of them.",
)
expect_equal(asyncio.run(learner.fetch_all([])), [], "fetch_all([]), nothing to fetch")
