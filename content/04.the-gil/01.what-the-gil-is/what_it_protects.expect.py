import re

# The lesson's claims, under CPython 3.14 with its GIL: append never loses an item, counter += 1 happens not to,
# and total = total + fee(1) loses updates on every run (entering fee is a switch point between read and write).
text = open("output.txt").read()
got = {name: int(n.replace(",", "")) for name, n in re.findall(r"^(.+?):\s+([\d,]+) of 200,000$", text, re.M)}
assert got["list.append"] == 200_000, text
assert got["counter += 1"] == 200_000, text
assert got["total = total + fee()"] < 200_000, f"the unlocked total lost no update in this run: {text}"
