lines = open("output.txt").read().splitlines()
# The two workers may print in either order; each sees only its own user.
assert sorted(lines[:2]) == ["worker-ada serves ada", "worker-grace serves grace"], lines
assert lines[2:] == ["the main thread has a user? False"], lines
