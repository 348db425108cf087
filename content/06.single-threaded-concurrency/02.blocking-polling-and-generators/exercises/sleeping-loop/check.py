import time

from checking import expect, expect_equal, load

learner = load()


class FakeTime:
    """A clock that moves only when the loop sleeps. A loop that asks the time over and over without sleeping is
    spinning: after 50 such calls in a row, the clock creeps forward by itself (so the run still ends) and the
    spin is counted."""

    def __init__(self):
        self.now = 0.0
        self.in_a_row = 0
        self.most_in_a_row = 0
        self.slept = []

    def clock(self):
        self.in_a_row += 1
        self.most_in_a_row = max(self.most_in_a_row, self.in_a_row)
        if self.in_a_row > 50:
            self.now += 0.001
        return self.now

    def sleep(self, seconds):
        if seconds < 0:
            raise ValueError(f"sleep({seconds}): a negative sleep means the deadline had already passed")
        self.slept.append(seconds)
        self.now += seconds
        self.in_a_row = 0


def worker(fake, log, name, waits):
    for seconds in waits:
        log.append((round(fake.now, 3), name))
        yield seconds
    log.append((round(fake.now, 3), f"{name} done"))


fake = FakeTime()
log = []
learner.run([worker(fake, log, "A", [0.3, 0.1]), worker(fake, log, "B", [0.2])], clock=fake.clock, sleep=fake.sleep)
expect(
    fake.most_in_a_row <= 50,
    f"run() asked clock() {fake.most_in_a_row} times in a row without calling sleep(): the loop is polling "
    "('is it time yet?') and keeps the CPU busy while nothing is due. When no task is due, sleep until the "
    "earliest deadline.",
)
expect_equal(
    log,
    [(0.0, "A"), (0.0, "B"), (0.2, "B done"), (0.3, "A"), (0.4, "A done")],
    "run([A waiting 0.3 then 0.1 s, B waiting 0.2 s]): (time, event) in the order the tasks ran",
)
expect(
    abs(fake.now - 0.4) < 1e-6,
    f"the run should end at 0.4 s on the loop's clock (the waits overlap), but it ended at {fake.now:.3f} s",
)

fake = FakeTime()
log = []
learner.run([worker(fake, log, name, [0.1]) for name in "XYZ"], clock=fake.clock, sleep=fake.sleep)
expect_equal(
    log,
    [(0.0, "X"), (0.0, "Y"), (0.0, "Z"), (0.1, "X done"), (0.1, "Y done"), (0.1, "Z done")],
    "three tasks that all wait 0.1 s: tasks due at the same moment run in the order they were given",
)
expect(
    abs(sum(fake.slept) - 0.1) < 1e-6,
    f"three overlapping waits of 0.1 s should need 0.1 s of sleep in all, but run() slept {fake.slept}",
)

fake = FakeTime()
learner.run([], clock=fake.clock, sleep=fake.sleep)
expect_equal(fake.slept, [], "run([]): no tasks, nothing to sleep for")

# And with the real clock: the waits overlap.
log = []
start = time.perf_counter()
learner.run([worker(fake, log, "A", [0.1, 0.1]), worker(fake, log, "B", [0.15])])
took = time.perf_counter() - start
expect(0.18 <= took < 0.5, f"run() with the real clock: waits of 0.1 + 0.1 s and 0.15 s should take about 0.2 s, took {took:.2f} s")
