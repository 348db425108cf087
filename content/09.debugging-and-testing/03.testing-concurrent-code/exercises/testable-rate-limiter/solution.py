#| solution
import threading
#| end
import time


class RateLimiter:
    """Allows at most `limit` calls in any `period` seconds. Called by many threads at once."""

    def __init__(self, limit, period, clock=time.monotonic):
        self.limit = limit
        self.period = period
        #| solution
        self.clock = clock
        #| end
        self.calls = []  # when the allowed calls happened, oldest first
        #| solution
        self.lock = threading.Lock()
        #| end

    def allow(self):
        #| starter
        # now = time.monotonic()
        # self.calls = [t for t in self.calls if now - t < self.period]  # forget calls older than the period
        # if len(self.calls) < self.limit:
        #     self.calls.append(now)
        #     return True
        # return False
        #| solution
        with self.lock:  # the check and the append are one step for the other threads
            now = self.clock()
            self.calls = [t for t in self.calls if now - t < self.period]  # forget calls older than the period
            if len(self.calls) < self.limit:
                self.calls.append(now)
                return True
            return False
        #| end


if __name__ == "__main__":
    limiter = RateLimiter(limit=2, period=1.0)
    print([limiter.allow() for _ in range(3)])
