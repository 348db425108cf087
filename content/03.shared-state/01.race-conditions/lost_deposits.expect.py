import re

# The lesson says: the balance comes out short (updates are lost), with the GIL, on every run.
text = open("output.txt").read()
match = re.fullmatch(r"balance: ([\d,]+) \(4 threads deposited 50,000 x 1: expected 200,000\)\n?", text)
assert match, text
assert int(match.group(1).replace(",", "")) < 200_000, f"no deposit was lost in this run: {text}"
