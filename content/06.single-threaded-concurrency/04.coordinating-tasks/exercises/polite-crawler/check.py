import asyncio
import time

from checking import expect, expect_equal, load

learner = load()


def crawl(urls, limit):
    learner.in_flight = 0
    learner.most_in_flight = 0
    start = time.perf_counter()
    pages = asyncio.run(learner.crawl(urls, limit))
    return pages, learner.most_in_flight, time.perf_counter() - start


urls = [f"/page/{i}" for i in range(6)]
pages, most, took = crawl(urls, 2)
expect_equal(
    list(pages) if isinstance(pages, (list, tuple)) else pages,
    [f"<html>{url}</html>" for url in urls],
    "crawl(['/page/0', ..., '/page/5'], limit=2): the pages in the order of the urls",
)
expect(
    most <= 2,
    f"crawl(6 urls, limit=2) had {most} fetches in flight at once: keep at most `limit` of them running "
    "(an asyncio.Semaphore(limit) around each fetch does that)",
)
expect(
    most == 2,
    f"crawl(6 urls, limit=2) never had more than {most} fetch in flight: the limit allows 2 at a time, so use "
    "both slots (the fetches should still run concurrently)",
)
expect(took < 0.55, f"crawl(6 urls of 0.1 s, limit=2) took {took:.2f} s: 3 rounds of 2 should take about 0.3 s")

pages, most, took = crawl(urls[:5], 5)
expect_equal(most, 5, "crawl(5 urls, limit=5): all five fetches may run at once")
pages, most, took = crawl([], 3)
expect_equal(list(pages), [], "crawl([], limit=3), nothing to fetch")
