import os
import threading

from checking import expect, expect_equal, load

learner = load()
pid = os.getpid()

line = learner.report()
expect_equal(line, f"MainThread (pid {pid})", "report() called from the main thread")
expect_equal(learner.log, [f"MainThread (pid {pid})"], "log after one call of report() from the main thread")

answers = []
worker = threading.Thread(target=lambda: answers.append(learner.report()), name="Worker-7")
worker.start()
worker.join()
expect_equal(answers, [f"Worker-7 (pid {pid})"], 'report() called from a thread named "Worker-7"')
expect(
    learner.log == [f"MainThread (pid {pid})", f"Worker-7 (pid {pid})"],
    f"after a call from the main thread and one from Worker-7, log should hold both lines, "
    f"in that order; it holds {learner.log!r}. Both threads must append to the same global list.",
)
print("report() names the running thread, and both threads wrote to the same list.")
