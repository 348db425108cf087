import threading

from checking import expect, expect_equal, load

learner = load()
real_fetch = learner.fetch
state = {"inside": 0, "most": 0}
threads_seen = set()
count_lock = threading.Lock()


def watched_fetch(url):
    with count_lock:
        state["inside"] += 1
        state["most"] = max(state["most"], state["inside"])
        threads_seen.add(threading.current_thread().name)
    try:
        return real_fetch(url)
    finally:
        with count_lock:
            state["inside"] -= 1


learner.fetch = watched_fetch

for count, workers in ((12, 4), (5, 2), (3, 5)):
    state["most"] = 0
    threads_seen.clear()
    before = threading.active_count()
    urls = [f"https://example.org/{count}/{n}" for n in range(count)]
    got = learner.fetch_all(urls, workers)
    what = f"fetch_all({count} urls, workers={workers})"
    expect_equal(got, {u: len(u) * 10 for u in urls}, what)
    busy = min(count, workers)
    expect(
        state["most"] <= workers,
        f"{what} ran {state['most']} downloads at once; at most {workers} may run at a time",
    )
    expect(
        state["most"] == busy,
        f"{what} never had more than {state['most']} download(s) running at once; with {workers} workers, "
        f"{busy} should run side by side",
    )
    expect("MainThread" not in threads_seen, f"{what}: the main thread downloaded too; leave the downloads to the workers")
    expect(
        len(threads_seen) <= workers,
        f"{what} downloaded in {len(threads_seen)} different threads; use exactly {workers} worker threads",
    )
    expect_equal(threading.active_count(), before, f"threads still alive after {what} returned")
print("Every page, never more than the allowed downloads at once, and all the workers busy.")
