import re

text = open("output.txt").read()
speedup = float(re.search(r"speed-up: ([\d.]+)x", text).group(1))
assert speedup < 2.0, f"CPU-bound threads should not speed up under the GIL: {text}"
