import sys
import threading

from checking import expect, load

learner = load()
before = sys.getswitchinterval()

# Spy on the interval the threads actually ran with.
seen = []
real_set = sys.setswitchinterval


def spy_set(value):
    seen.append(value)
    real_set(value)


sys.setswitchinterval = spy_set
try:
    fast = learner.count_turns(0.0005)
    expect(0.0005 in seen, f"count_turns(0.0005) never called sys.setswitchinterval(0.0005); it set {seen or 'nothing'}")
    expect(abs(sys.getswitchinterval() - before) < 2e-6, f"after count_turns(0.0005) the switch interval is {sys.getswitchinterval()}, not the {before} it was before: put it back")
    slow = learner.count_turns(0.05)
finally:
    sys.setswitchinterval = real_set
    real_set(before)

for interval, turns in ((0.0005, fast), (0.05, slow)):
    expect(isinstance(turns, int), f"count_turns({interval}) returned {turns!r}; expected a whole number of turns")
    expect(2 <= turns, f"count_turns({interval}) returned {turns}; both threads ran, so there were at least 2 turns")
    expect(
        turns < 5_000,
        f"count_turns({interval}) returned {turns}, close to one per loop step: count a turn only when the thread "
        "that appends is not the one that appended last",
    )
expect(
    fast > 3 * slow,
    f"count_turns(0.0005) gave {fast} turns and count_turns(0.05) gave {slow}: a 100 times shorter interval should give many more",
)
expect(threading.active_count() == 1, "threads were still running after count_turns returned")

# The interval must come back even when a thread's work fails.
sys.setswitchinterval(0.007)


class Boom(Exception):
    pass


def failing_start(self):
    raise Boom("start failed")


real_start = threading.Thread.start
threading.Thread.start = failing_start
try:
    learner.count_turns(0.0005)
except Boom:
    pass
finally:
    threading.Thread.start = real_start
after = sys.getswitchinterval()
sys.setswitchinterval(before)
# (the interpreter keeps whole microseconds, so compare to within one)
expect(abs(after - 0.007) < 2e-6, f"when starting a thread raised, count_turns left the switch interval at {after} instead of putting 0.007 back: use try/finally")
print(f"{fast} turns at 0.5 ms, {slow} at 50 ms, and the interval put back every time.")
