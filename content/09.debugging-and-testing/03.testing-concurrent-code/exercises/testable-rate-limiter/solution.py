import threading
import time


class RateLimiter:
    """Allows at most `limit` calls in any `period` seconds. Called by many threads at once."""

    def __init__(self, limit, period, clock=time.monotonic):
        self.limit = limit
        self.period = period
        self.clock = clock
        self.calls = []  # when the allowed calls happened, oldest first
        self.lock = threading.Lock()

    def allow(self):
        with self.lock:  # the check and the append are one step for the other threads
            now = self.clock()
            self.calls = [t for t in self.calls if now - t < self.period]  # forget calls older than the period
            if len(self.calls) < self.limit:
                self.calls.append(now)
                return True
            return False


if __name__ == "__main__":
    limiter = RateLimiter(limit=2, period=1.0)
    print([limiter.allow() for _ in range(3)])
