import threading
import time

from checking import expect, expect_equal, load

learner = load()
real_fetch = learner.fetch
seen = {}  # page -> name of the thread that fetched it


def spy_fetch(page):
    seen[page] = threading.current_thread().name
    return real_fetch(page)


learner.fetch = spy_fetch
pages = ["home", "about", "blog", "shop", "faq"]
expected = {page: len(page) * 100 for page in pages}

before = threading.active_count()
start = time.perf_counter()
sizes = learner.fetch_all(pages)
took = time.perf_counter() - start
got = dict(sizes) if isinstance(sizes, dict) else sizes

expect(
    got == expected,
    f"fetch_all({pages}) returned {got!r}, expected {expected!r}. "
    "If some pages are missing, fetch_all returned before its threads finished: join them first.",
)
expect(
    all(name != "MainThread" for name in seen.values()) and len(set(seen.values())) == len(pages),
    f"each page should be fetched in a thread of its own; the pages ran in these threads: {seen!r}",
)
expect(
    took < 0.6,
    f"fetch_all took {took:.2f} s for 5 downloads of 0.2 s each; together they should take about 0.2 s. "
    "Start every thread before you join any of them.",
)
expect_equal(threading.active_count(), before, "threads still alive after fetch_all returned, compared with before")
print(f"All 5 pages fetched in {took:.2f} s, each in its own thread.")
