import threading


class Stats:
    """Running statistics of the response times of a web server, updated by every request's thread."""

    def __init__(self):
        self.count = 0
        self.total = 0
        self.largest = 0
        #| solution
        self._lock = threading.Lock()
        #| end

    def add(self, ms):
        #| starter
        # self.count += 1
        # self.total += ms
        # if ms > self.largest:
        #     self.largest = ms
        #| solution
        with self._lock:  # the three updates are one step for every other thread
            self.count += 1
            self.total += ms
            if ms > self.largest:
                self.largest = ms
        #| end


if __name__ == "__main__":
    stats = Stats()
    threads = [threading.Thread(target=stats.add, args=(ms,)) for ms in (30, 50, 20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(stats.count, stats.total, stats.largest)
