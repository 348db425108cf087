import threading

from checking import expect_equal, load

learner = load()
failures = []
threading.excepthook = lambda args: failures.append(f"{args.thread.name}: {args.exc_type.__name__}: {args.exc_value}")

expect_equal(learner.main(["1.5", "2.5"]), [1.5, 2.5], 'main(["1.5", "2.5"]), where every line is a number')
expect_equal(learner.main(["1.5", "2.5", "oops", "4.0"]), [1.5, 2.5], 'main(["1.5", "2.5", "oops", "4.0"]): the readings before the bad line')
expect_equal(learner.main(["oops"]), [], 'main(["oops"]), where the very first line is bad')
assert any("ValueError" in f for f in failures), (
    "The producer's ValueError should still end its thread and reach threading.excepthook: fix the consumer's wait, "
    f"do not hide the error (the hook saw: {failures or 'nothing'})"
)
