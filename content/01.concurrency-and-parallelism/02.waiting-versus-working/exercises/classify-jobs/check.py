from checking import expect_equal, load

learner = load()

expect_equal(learner.classify(2.0, 1.9), "cpu-bound", "classify(2.0, 1.9), a job busy almost all the time")
expect_equal(learner.classify(2.0, 0.1), "io-bound", "classify(2.0, 0.1), a job that mostly waited")
expect_equal(learner.classify(1.0, 0.5), "cpu-bound", "classify(1.0, 0.5), busy exactly half the time")
expect_equal(learner.classify(10.0, 4.0), "io-bound", "classify(10.0, 4.0)")

expect_equal(learner.overlapped_time([0.3, 0.2]), 0.3, "overlapped_time([0.3, 0.2])")
expect_equal(learner.overlapped_time([1.0, 2.5, 0.5]), 2.5, "overlapped_time([1.0, 2.5, 0.5])")
expect_equal(learner.overlapped_time([]), 0.0, "overlapped_time([]), no waits at all")
print("classify() and overlapped_time() are right on every case.")
