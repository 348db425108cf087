import re

# The lesson says: no speed-up. Four threads computing under the GIL take turns, so the best of five rounds of
# four threads is never much faster than the best of five rounds of one thread (a little noise either way).
text = open("output.txt").read()
speedup = float(re.search(r"speed-up, best against best: ([\d.]+)x", text).group(1))
assert speedup <= 1.3, f"CPU-bound threads should not speed up under the GIL: {text}"
assert len(re.findall(r"best \d+\.\d\d s, slowest \d+\.\d\d s \(5 rounds\)", text)) == 2, text
