import re

text = open("output.txt").read()
alone = float(re.search(r"one after another: ([\d.]+) s", text).group(1))
pooled = float(re.search(r"pool of 5 threads: ([\d.]+) s", text).group(1))
assert 0.95 <= alone < 1.6, text  # 10 x 0.1 s
assert 0.19 <= pooled < alone / 2, text  # 2 rounds of 5 x 0.1 s
assert text.splitlines()[-1] == "page-0: 600 bytes ... page-9: 600 bytes", text
