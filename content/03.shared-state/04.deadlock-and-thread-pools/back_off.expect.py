lines = open("output.txt").read().splitlines()
assert lines[-1] == "balances: 110 90", lines
done = [line for line in lines if ": done on attempt" in line]
assert sorted(line.split(":")[0] for line in done) == ["alice-to-bob", "bob-to-alice"], lines
assert any("backing off" in line for line in lines), f"neither thread had to back off: {lines}"
