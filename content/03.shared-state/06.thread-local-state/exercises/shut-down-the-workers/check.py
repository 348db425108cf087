from checking import expect_equal, load

learner = load()

expect_equal(learner.squares(range(6)), [0, 1, 4, 9, 16, 25], "squares(range(6)) with 3 workers")
expect_equal(learner.squares([], workers=2), [], "squares([], workers=2): no jobs at all, and the workers must still end")
expect_equal(learner.squares(range(20), workers=5), sorted(n * n for n in range(20)), "squares(range(20), workers=5)")
