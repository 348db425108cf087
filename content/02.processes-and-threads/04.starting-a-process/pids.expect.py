import re

lines = open("output.txt").read().splitlines()
assert len(lines) == 4, lines
parent = int(re.fullmatch(r"parent: pid (\d+)", lines[0]).group(1))
counted = {}
for line in lines[1:3]:
    m = re.fullmatch(r"(parent|child): pid (\d+), parent (\d+), counted in \d+\.\d\d s", line)
    assert m, line
    counted[m.group(1)] = (int(m.group(2)), int(m.group(3)))
assert counted["parent"][0] == parent, lines
child, its_parent = counted["child"]
assert child != parent and its_parent == parent, lines
assert lines[3] == f"child {child} exited with code 0", lines
