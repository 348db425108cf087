import re

lines = open("output.txt").read().splitlines()
assert len(lines) == 4, lines
parent = int(re.fullmatch(r"parent pid (\d+)", lines[0]).group(1))
assert lines[1] == "map: [0, 1, 4, 9, 16, 25, 36, 49]", lines[1]
m = re.fullmatch(r"imap_unordered: \[(.*)\]", lines[2])
assert m and sorted(int(x) for x in m.group(1).split(", ")) == [0, 1, 4, 9], lines[2]
m = re.fullmatch(r"apply_async: 'pool' has 4 letters \(pid (\d+)\)", lines[3])
assert m and int(m.group(1)) != parent, lines[3]
