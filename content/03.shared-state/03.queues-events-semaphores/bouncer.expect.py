import re

text = open("output.txt").read()
took = float(re.search(r"2 at a time: ([\d.]+) s", text).group(1))
# 3 rounds of 0.2 s; all 6 at once would take 0.2 s, one at a time 1.2 s.
assert 0.55 <= took < 1.15, text
assert text.splitlines()[1] == "most downloads at once: 2", text
