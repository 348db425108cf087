# Runs in the learner's browser with their code as learner.py. A failed assert shows its message to the learner.
from checking import expect_equal, load

learner = load()
expect_equal(learner.count_words("one two three"), 3, 'count_words("one two three")')
expect_equal(learner.count_words(""), 0, 'count_words(""), an empty text')
expect_equal(learner.count_words("  spaced   out  "), 2, 'count_words("  spaced   out  ")')
