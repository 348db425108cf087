import threading

from checking import expect_equal, expect_thread_safe, load

learner = load()


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


# 1. Time: driven by a fake clock, so that the check neither waits nor depends on the machine's speed.
clock = FakeClock()
limiter = learner.RateLimiter(limit=2, period=1.0, clock=clock)
expect_equal([limiter.allow(), limiter.allow(), limiter.allow()], [True, True, False],
             "three calls at (fake) time 0.0 with limit=2, period=1.0")
clock.now = 0.5
expect_equal(limiter.allow(), False, "a call at fake time 0.5 (the two calls of time 0.0 are still within the period)")
clock.now = 1.0
expect_equal(limiter.allow(), True,
             "a call at fake time 1.0, when the calls of time 0.0 are one period old "
             "(if this is False, does allow() read the clock it was given?)")


# 2. Threads: two threads ask at the same (fake) moment; exactly one may go.
def two_threads_one_slot():
    limiter = learner.RateLimiter(limit=1, period=1.0, clock=FakeClock())
    answers = []
    workers = [threading.Thread(target=lambda: answers.append(limiter.allow())) for _ in range(2)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    assert sorted(answers) == [False, True], f"with limit=1, two threads calling allow() at once got {answers}"
    assert len(limiter.calls) == 1, f"with limit=1, {len(limiter.calls)} calls were recorded"


expect_thread_safe(two_threads_one_slot, runs=200, bound=2, model=("gil", "free-threaded"))
