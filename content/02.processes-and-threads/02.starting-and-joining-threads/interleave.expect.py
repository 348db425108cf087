lines = open("output.txt").read().splitlines()
assert lines[-1] == "both done", lines
body = lines[:-1]
assert sorted(body) == sorted(f"{n} step {s}" for n in "AB" for s in range(3)), body
for name in "AB":
    mine = [line for line in body if line.startswith(name)]
    assert mine == [f"{name} step {s}" for s in range(3)], mine
