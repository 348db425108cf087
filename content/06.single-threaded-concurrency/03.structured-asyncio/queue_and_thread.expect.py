import re

lines = open("output.txt").read().splitlines()
assert sorted(line for line in lines if line.startswith("produced")) == [f"produced {i}" for i in range(4)], lines
sums = sorted(line.split(": ")[1] for line in lines if line.startswith(("c1:", "c2:")))
assert sums == sorted(f"checksum {sum([i] * 1000) % 251}" for i in range(4)), lines
assert {line.split(":")[0] for line in lines if line.startswith(("c1:", "c2:"))} == {"c1", "c2"}, "both consumers work"
assert re.fullmatch(r"4 blocking checksums of 0\.2 s, two at a time: 0\.[4-6] s", lines[-1]), lines[-1]
