import threading

from checking import expect_thread_safe, load

learner = load()


def visits_and_a_monitor():
    visits = learner.Visits()
    seen = []

    def visitor(page):
        for _ in range(2):
            visits.visit(page)

    def monitor():
        for _ in range(2):
            seen.append(visits.snapshot())

    threads = [threading.Thread(target=visitor, args=(page,)) for page in ("home", "about")]
    threads.append(threading.Thread(target=monitor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for total, pages in seen:
        assert total == pages, f"snapshot() returned total {total} but {pages} pages: the monitor saw a visit half done"
    final = visits.snapshot()
    assert final == (4, 4), f"after four visits snapshot() returned {final}, expected (4, 4): a visit was lost"


# Ready for both: correct with CPython 3.14's GIL, and free-threaded (3.14t), where a switch can fall between any
# two bytecodes, even inside `self.total += 1` or between the two lines of visit().
expect_thread_safe(visits_and_a_monitor, runs=300, bound=2, model=("gil", "free-threaded"))
