import threading
import time


def fetch(page):
    """Pretend to download a page: wait 0.2 s, then return its size."""
    time.sleep(0.2)
    return len(page) * 100


def fetch_all(pages):
    """Fetch every page in a thread of its own, all at the same time,
    and return {page: size} once every download has finished."""
    sizes = {}

    def work(page):
        sizes[page] = fetch(page)

    #| starter
    # for page in pages:
    #     threading.Thread(target=work, args=(page,)).start()
    #| solution
    threads = [threading.Thread(target=work, args=(page,)) for page in pages]
    for t in threads:  # start them all first...
        t.start()
    for t in threads:  # ...then wait for each one
        t.join()
    #| end
    return sizes


if __name__ == "__main__":
    start = time.perf_counter()
    print(fetch_all(["home", "about", "blog"]))
    print(f"took {time.perf_counter() - start:.1f} s")
