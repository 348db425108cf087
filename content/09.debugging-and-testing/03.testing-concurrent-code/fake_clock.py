import time


class TTLCache:
    """Remembers values for `ttl` seconds. `clock` tells the time: time.monotonic unless a test gives another."""

    def __init__(self, ttl, clock=time.monotonic):
        self.ttl = ttl
        self.clock = clock
        self.entries = {}

    def put(self, key, value):
        self.entries[key] = (value, self.clock() + self.ttl)

    def get(self, key):
        value, expires = self.entries.get(key, (None, 0.0))
        return value if self.clock() < expires else None


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


clock = FakeClock()
cache = TTLCache(ttl=60, clock=clock)
cache.put("user:7", "Ada")
print("at once:", cache.get("user:7"))
clock.advance(59.9)
print("after 59.9 s:", cache.get("user:7"))
clock.advance(0.1)
print("after 60 s:", cache.get("user:7"))
