lines = open("output.txt").read().splitlines()
assert sorted(lines[:2]) == ["Ann booked a seat", "Bob booked a seat"], lines
assert lines[2] == "seats left: -1", lines
