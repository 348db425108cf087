import sys
import threading
import unittest

from interleave import threads  # only in this course: the schedule search


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def add(self, n):
        self.value += n  # no lock: is it safe?

    def add_locked(self, n):
        with self.lock:
            self.value += n


def two_threads_add(method_name):
    """A scenario: two threads add 1 to one counter; afterwards it must be 2."""
    def scenario():
        counter = Counter()
        add = getattr(counter, method_name)
        workers = [threading.Thread(target=add, args=(1,)) for _ in range(2)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
        assert counter.value == 2, f"counter is {counter.value}, not 2"
    return scenario


class CounterTests(unittest.TestCase):
    def assertThreadSafe(self, scenario, model):
        result = threads.explore(scenario, runs=300, bound=2, model=model)
        if result.failure is not None:
            self.fail(f"{result.failure.message} under schedule {result.failure.schedule}")

    def test_add_with_gil(self):
        self.assertThreadSafe(two_threads_add("add"), "gil")

    def test_add_free_threaded(self):
        self.assertThreadSafe(two_threads_add("add"), "free-threaded")

    def test_add_locked_free_threaded(self):
        self.assertThreadSafe(two_threads_add("add_locked"), "free-threaded")


unittest.main(argv=["test_suite"], testRunner=unittest.TextTestRunner(stream=sys.stdout, verbosity=2), exit=False)
