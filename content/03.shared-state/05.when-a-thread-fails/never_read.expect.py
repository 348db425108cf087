lines = open("output.txt").read().splitlines()
# The two saves may print in either order (two worker threads); the failure prints nothing at all.
assert sorted(lines[:2]) == ["saved a", "saved c"], lines
assert lines[2:] == ["finished without a word about 'bad'"], lines
