import re

lines = open("output.txt").read().splitlines()
assert lines[-1] == "shelf at closing: []", lines
baked = [l for l in lines if l.startswith("baked")]
sold = [l for l in lines if l.startswith("sold")]
assert [re.match(r"baked loaf (\d)", l).group(1) for l in baked] == list("12345"), baked
assert [re.match(r"sold loaf (\d)", l).group(1) for l in sold] == list("12345"), sold
for l in lines[:-1]:
    assert 0 <= int(l.rsplit(" ", 1)[1]) <= 2, f"the shelf went over capacity: {l}"
