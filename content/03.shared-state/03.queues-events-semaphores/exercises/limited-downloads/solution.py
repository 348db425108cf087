import queue
import threading
import time


def fetch(url):
    """Pretend to download a page: wait 0.1 s, return its size."""
    time.sleep(0.1)
    return len(url) * 10


def fetch_all(urls, workers):
    """Download every url with exactly `workers` threads taking urls from a
    queue, so that at most `workers` downloads run at once. Return {url: size}."""
    #| starter
    # sizes = {}
    # for url in urls:
    #     sizes[url] = fetch(url)
    #| solution
    todo = queue.Queue()
    for url in urls:
        todo.put(url)
    sizes = {}  # each url is written by one worker only: no two threads touch one key

    def worker():
        while True:
            try:
                url = todo.get_nowait()  # all urls are queued before the workers start
            except queue.Empty:
                return
            sizes[url] = fetch(url)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    #| end
    return sizes


if __name__ == "__main__":
    urls = [f"https://example.org/{n}" for n in range(12)]
    start = time.perf_counter()
    sizes = fetch_all(urls, workers=4)
    print(len(sizes), "pages in", round(time.perf_counter() - start, 1), "s")
