import asyncio
import logging
import time

from checking import expect, expect_equal, load


class SlowCallbacks(logging.Handler):
    """Collects asyncio debug mode's "Executing ... took ... seconds" warnings."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.slow = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Executing "):
            self.slow.append(message)


learner = load()
names = ["kitchen", "garage", "attic"]
watch = SlowCallbacks()
asyncio_log = logging.getLogger("asyncio")
asyncio_log.addHandler(watch)
asyncio_log.propagate = False  # the check reads the warnings itself
try:
    start = time.perf_counter()
    with asyncio.Runner(debug=True) as runner:
        runner.get_loop().slow_callback_duration = 0.05
        values = runner.run(learner.poll_all(names))
    took = time.perf_counter() - start
finally:
    asyncio_log.removeHandler(watch)
    asyncio_log.propagate = True

expect_equal(values, {"kitchen": 21.5, "garage": 12.0, "attic": 25.25}, "poll_all(['kitchen', 'garage', 'attic'])")
expect(
    not watch.slow,
    f"asyncio debug mode still reports {len(watch.slow)} step(s) of the event loop that blocked it, such as:\n"
    f"  {watch.slow[0] if watch.slow else ''}\n"
    "A coroutine that calls read_sensor() directly stops every other task for 0.2 s.",
)
expect(took < 0.45, f"reading 3 sensors of 0.2 s each took {took:.2f} s: they should be read at the same time (about 0.2 s)")
