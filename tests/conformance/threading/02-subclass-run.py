# Conformance: subclassing Thread and overriding run(); results collected on the instance.
# expect: same
import threading


class Squarer(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"squarer-{n}")
        self.n = n
        self.result = None

    def run(self):
        self.result = self.n * self.n


workers = [Squarer(n) for n in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([(w.name, w.result) for w in workers])


class Countdown(threading.Thread):
    def run(self):
        total = 0
        for i in range(1000):
            total += i
        self.total = total


c = Countdown()
c.start()
c.join()
print(c.name.startswith("Thread-"), c.total)
