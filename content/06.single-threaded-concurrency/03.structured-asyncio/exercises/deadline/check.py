import asyncio
import time

from checking import expect, expect_equal, load

learner = load()


async def call(requests, limit):
    start = time.perf_counter()
    got = await learner.fetch_all(requests, limit)
    took = time.perf_counter() - start
    still_running = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    return got, took, learner.open_connections, len(still_running)


requests = [("a", 0.1), ("b", 1.5), ("c", 0.2), ("d", 2)]
got, took, open_now, running = asyncio.run(call(requests, 0.4))
expect_equal(
    list(got) if isinstance(got, (list, tuple)) else got,
    ["a (0.1 s)", None, "c (0.2 s)", None],
    "fetch_all([('a', 0.1), ('b', 1.5), ('c', 0.2), ('d', 2)], limit=0.4): results in request order, None for b and d",
)
expect(
    took < 1.0,
    f"fetch_all(..., limit=0.4) took {took:.1f} s: it should give up on the slow fetches after about 0.4 s",
)
expect(took >= 0.19, f"fetch_all(..., limit=0.4) returned after {took:.2f} s, before c (0.2 s) could finish")
expect_equal(
    open_now,
    0,
    "open connections when fetch_all returned (a fetch that ran out of time must be cancelled, so that its finally "
    "closes the connection)",
)
expect_equal(running, 0, "tasks still running when fetch_all returned")

got, took, open_now, running = asyncio.run(call([("x", 0.05), ("y", 0.1)], 2))
expect_equal(list(got), ["x (0.05 s)", "y (0.1 s)"], "fetch_all([('x', 0.05), ('y', 0.1)], limit=2): both in time")
expect(took < 0.5, f"fetch_all with everything in time took {took:.2f} s: it should not wait for the whole limit")
got, took, open_now, running = asyncio.run(call([], 1))
expect_equal(list(got), [], "fetch_all([], limit=1), nothing to fetch")
