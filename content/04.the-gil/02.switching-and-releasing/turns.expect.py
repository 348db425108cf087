import re

lines = open("output.txt").read().splitlines()
assert lines[0] == "default switch interval: 0.005 s", lines
counts = [int(re.fullmatch(r"interval [\d.]+ ms: (\d+) turns", line).group(1)) for line in lines[1:]]
assert len(counts) == 3 and all(c >= 2 for c in counts), lines
assert counts[0] > counts[2], f"a 1 ms interval should give more turns than a 50 ms one: {lines}"
