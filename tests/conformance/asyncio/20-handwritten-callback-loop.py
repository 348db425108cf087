# Conformance: an event loop written from scratch: a queue of callbacks, timers on a heap, generator "tasks".
# expect: same
import heapq
import itertools
from collections import deque


class Loop:
    def __init__(self):
        self.ready = deque()
        self.timers = []
        self.now = 0.0
        self.counter = itertools.count()

    def call_soon(self, cb, *args):
        self.ready.append((cb, args))

    def call_later(self, delay, cb, *args):
        heapq.heappush(self.timers, (self.now + delay, next(self.counter), cb, args))

    def run(self):
        while self.ready or self.timers:
            if not self.ready:
                when, _, cb, args = heapq.heappop(self.timers)
                self.now = when  # a simulated clock: jump to the next timer
                self.ready.append((cb, args))
            for _ in range(len(self.ready)):
                cb, args = self.ready.popleft()
                cb(*args)


class Task:
    def __init__(self, loop, gen, name):
        self.loop, self.gen, self.name = loop, gen, name
        loop.call_soon(self.step)

    def step(self):
        try:
            delay = next(self.gen)
        except StopIteration as stop:
            print(f"[{self.loop.now:.1f}] {self.name} finished -> {stop.value}")
            return
        self.loop.call_later(delay, self.step)


def job(name, delays):
    total = 0
    for d in delays:
        print(f"{name} sleeps {d}")
        yield d
        total += d
    return total


loop = Loop()
Task(loop, job("A", [1.0, 0.5]), "A")
Task(loop, job("B", [0.2, 0.2, 0.2]), "B")
loop.call_later(0.3, print, "a plain timer callback")
loop.run()
