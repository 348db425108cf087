import re

text = open("output.txt").read()
alone, beside, short = (float(x) for x in re.findall(r"late by ([\d.]+) ms", text))
assert beside > alone, f"waking up should be later beside a CPU-bound thread: {text}"
assert short < beside, f"a shorter switch interval should let the sleeper in sooner: {text}"
