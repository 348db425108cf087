from checking import expect_thread_safe, load

learner = load()


def three_items_two_workers():
    got = learner.squares([3, 1, 2], n_workers=2)
    assert got == [1, 4, 9], f"squares([3, 1, 2], n_workers=2) returned {got}, not [1, 4, 9]"


def no_items_three_workers():
    got = learner.squares([], n_workers=3)
    assert got == [], f"squares([], n_workers=3) returned {got}, not []"


# A deadlock under any schedule fails the check with the schedule that reaches it.
expect_thread_safe(three_items_two_workers, runs=150, bound=2)
expect_thread_safe(no_items_three_workers, runs=100, bound=2)
