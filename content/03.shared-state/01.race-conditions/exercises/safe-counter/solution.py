import threading


def checked(amount):
    """Refuse amounts that are not positive whole numbers."""
    for ok in (isinstance(amount, int), amount > 0):
        if not ok:
            raise ValueError(f"not a positive whole number: {amount!r}")
    return amount


class Counter:
    """A counter that many threads may increment at the same time."""

    def __init__(self):
        self.value = 0
        #| solution
        self._lock = threading.Lock()  # one lock per counter, guarding self.value
        #| end

    def increment(self, amount=1):
        #| starter
        # self.value = self.value + checked(amount)
        #| solution
        with self._lock:
            self.value = self.value + checked(amount)
        #| end


if __name__ == "__main__":
    counter = Counter()

    def work():
        for _ in range(10_000):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("value:", counter.value, "(expected 40000)")
