import os
import threading

from checking import expect, expect_equal, load

learner = load()


def whoami():
    return threading.current_thread().name


def where():
    return os.getpid(), threading.current_thread() is threading.main_thread()


expect_equal(
    learner.run_in_threads([whoami, whoami, whoami]),
    {"job-0": "job-0", "job-1": "job-1", "job-2": "job-2"},
    "run_in_threads([whoami] * 3), where whoami() returns the name of the thread that runs it",
)
expect(
    threading.active_count() == 1,
    f"{threading.active_count() - 1} thread(s) were still alive after run_in_threads returned: join every thread before you read the results",
)
answers = learner.run_in_threads([where, where])
expect_equal(
    answers,
    {"job-0": (os.getpid(), False), "job-1": (os.getpid(), False)},
    "run_in_threads([where] * 2), where where() returns (os.getpid(), whether it runs in the main thread): "
    "the same process, never the main thread",
)
expect_equal(learner.run_in_threads([]), {}, "run_in_threads([]), no jobs at all")
print("Every job ran in its own thread of this process, and all of them wrote into the same dict.")
