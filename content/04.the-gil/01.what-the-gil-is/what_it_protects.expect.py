import re

# The lesson's claims, under CPython 3.14 with its GIL: append never loses an item, counter += 1 happens not to,
# and total = total + fee(1) loses updates (entering fee is a switch point between read and write). With 4 × 200,000
# updates a run lasts many switch intervals, so a loss is all but certain (python3.12 and 3.13 lost updates in 20 of
# 20 runs here; at 4 × 50,000 a 3.12 run ended with nothing lost 2 times in 8).
text = open("output.txt").read()
got = {name: (int(n.replace(",", "")), int(of.replace(",", ""))) for name, n, of in re.findall(r"^(.+?):\s+([\d,]+) of ([\d,]+)$", text, re.M)}
assert set(got) == {"list.append", "counter += 1", "total = total + fee()"}, text
for name in ("list.append", "counter += 1"):
    assert got[name][0] == got[name][1], f"{name} lost an update: {text}"
n, of = got["total = total + fee()"]
assert n < of, f"the unlocked total lost no update in this run: {text}"
