from checking import expect_equal, load

learner = load()
expect_equal(learner.double(2), 4, "double(2)")
expect_equal(learner.double(-3), -6, "double(-3)")
